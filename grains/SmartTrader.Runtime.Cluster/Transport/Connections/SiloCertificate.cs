using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The certificate a silo presents when another connects to it: self-signed, made at start-up with a fresh ECDSA P-256
/// key that never leaves the process. Callers accept it without a certificate authority because
/// <see cref="SiloHandshake"/> binds the connection to it; there is nothing to issue, distribute or renew.
/// </summary>
internal sealed class SiloCertificate : IDisposable
{
    /// <summary>The name the caller asks for in TLS and the certificate's subject; every silo answers to it.</summary>
    public const string TlsName = "smarttrader-silo";

    private readonly X509Certificate2 _certificate;

    private SiloCertificate(X509Certificate2 certificate)
    {
        _certificate = certificate;
        OwnFingerprint = Fingerprint(certificate);
        ServerOptions = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificateRequired = false,
        };
    }

    public byte[] OwnFingerprint { get; }

    public SslServerAuthenticationOptions ServerOptions { get; }

    public static SiloCertificate Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={TlsName}", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return new SiloCertificate(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100)));
    }

    /// <summary>TLS 1.3 to a silo, accepting whatever certificate it presents: the handshake's proofs check it.</summary>
    public static SslClientAuthenticationOptions ClientOptions() => new()
    {
        TargetHost = TlsName,
        EnabledSslProtocols = SslProtocols.Tls13,
        RemoteCertificateValidationCallback = static (_, certificate, _, _) => certificate is not null,
    };

    public static byte[] Fingerprint(X509Certificate certificate) => SHA256.HashData(certificate.GetRawCertData());

    public void Dispose() => _certificate.Dispose();
}

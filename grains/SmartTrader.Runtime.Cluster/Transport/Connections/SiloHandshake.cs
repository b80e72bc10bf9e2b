using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Opens a silo connection: TLS 1.3 first, so that every byte after it is encrypted, then both ends prove inside it that
/// they hold the cluster's shared secret (<see cref="ClusterTransportOptions.Secret"/>) without sending it. Each side
/// sends a fresh random nonce and answers with an HMAC-SHA256, under the secret, of both nonces and the SHA-256 of the
/// certificate the listener presented in TLS. No certificate authority vouches for that certificate
/// (<see cref="SiloCertificate"/>); the proofs do: a machine in the middle would have had to present a certificate of
/// its own, so the proofs the two ends compute would differ, and it cannot make new ones without the secret. The
/// accepting silo answers first, so a caller never proves itself to a listener that does not hold the secret; the two
/// proofs carry different labels, so neither can be replayed as the other.
/// <code>
/// caller ⇄ listener:  TLS 1.3 handshake (the listener's certificate C)
/// caller   → listener: "STX" version, caller nonce (32 bytes)
/// listener → caller:   listener nonce (32), HMAC(secret, "accept"  ‖ caller nonce ‖ listener nonce ‖ SHA-256(C))
/// caller   → listener: HMAC(secret, "connect" ‖ caller nonce ‖ listener nonce ‖ SHA-256(C))
/// </code>
/// </summary>
internal sealed class SiloHandshake(string secret, SiloCertificate certificate)
{
    public const int NonceBytes = 32;
    public const int ProofBytes = HMACSHA256.HashSizeInBytes;

    private static readonly byte[] AcceptLabel = "smarttrader-silo-accept"u8.ToArray();
    private static readonly byte[] ConnectLabel = "smarttrader-silo-connect"u8.ToArray();

    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// The caller's side: the encrypted stream to send frames on, once the listener has proven itself. Throws
    /// <see cref="AuthenticationException"/> when it cannot; the socket is the caller's to dispose then.
    /// </summary>
    public async Task<SslStream> ConnectAsync(Socket socket, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsClientAsync(SiloCertificate.ClientOptions(), cancellationToken).ConfigureAwait(false);
            var binding = SiloCertificate.Fingerprint(tls.RemoteCertificate!);

            var hello = new byte[WireProtocol.Preamble.Length + NonceBytes];
            WireProtocol.Preamble.CopyTo(hello);
            var callerNonce = hello.AsMemory(WireProtocol.Preamble.Length);
            RandomNumberGenerator.Fill(callerNonce.Span);
            await tls.WriteAsync(hello, cancellationToken).ConfigureAwait(false);

            var answer = new byte[NonceBytes + ProofBytes];
            await ReadExactlyAsync(tls, answer, cancellationToken).ConfigureAwait(false);
            var listenerNonce = answer.AsMemory(0, NonceBytes);
            if (!CryptographicOperations.FixedTimeEquals(answer.AsSpan(NonceBytes), Proof(AcceptLabel, callerNonce.Span, listenerNonce.Span, binding)))
                throw new AuthenticationException(
                    "the silo there did not prove it holds this cluster's secret: give every silo the same Cluster:Transport:Secret");

            await tls.WriteAsync(Proof(ConnectLabel, callerNonce.Span, listenerNonce.Span, binding), cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The listener's side: the encrypted stream, once the caller has proven itself. Throws
    /// <see cref="InvalidDataException"/> or <see cref="AuthenticationException"/> to refuse; the socket is the
    /// caller's to dispose then.
    /// </summary>
    public async Task<SslStream> AcceptAsync(Socket socket, CancellationToken cancellationToken)
    {
        var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        try
        {
            await tls.AuthenticateAsServerAsync(certificate.ServerOptions, cancellationToken).ConfigureAwait(false);

            var hello = new byte[WireProtocol.Preamble.Length + NonceBytes];
            await ReadExactlyAsync(tls, hello, cancellationToken).ConfigureAwait(false);
            if (!hello.AsSpan(0, WireProtocol.Preamble.Length).SequenceEqual(WireProtocol.Preamble))
                throw new InvalidDataException("not the SmartTrader silo protocol (or another version)");
            var callerNonce = hello.AsSpan(WireProtocol.Preamble.Length).ToArray();

            var answer = new byte[NonceBytes + ProofBytes];
            RandomNumberGenerator.Fill(answer.AsSpan(0, NonceBytes));
            var listenerNonce = answer.AsSpan(0, NonceBytes).ToArray();
            Proof(AcceptLabel, callerNonce, listenerNonce, certificate.OwnFingerprint).CopyTo(answer, NonceBytes);
            await tls.WriteAsync(answer, cancellationToken).ConfigureAwait(false);

            var proof = new byte[ProofBytes];
            await ReadExactlyAsync(tls, proof, cancellationToken).ConfigureAwait(false);
            if (!CryptographicOperations.FixedTimeEquals(proof, Proof(ConnectLabel, callerNonce, listenerNonce, certificate.OwnFingerprint)))
                throw new AuthenticationException("the caller did not prove it holds this cluster's secret (Cluster:Transport:Secret)");
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private byte[] Proof(byte[] label, ReadOnlySpan<byte> callerNonce, ReadOnlySpan<byte> listenerNonce, ReadOnlySpan<byte> binding)
    {
        Span<byte> message = stackalloc byte[label.Length + 2 * NonceBytes + binding.Length];
        label.CopyTo(message);
        callerNonce.CopyTo(message[label.Length..]);
        listenerNonce.CopyTo(message[(label.Length + NonceBytes)..]);
        binding.CopyTo(message[(label.Length + 2 * NonceBytes)..]);
        return HMACSHA256.HashData(_key, message);
    }

    private static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("the other side closed the connection during the handshake");
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// Seals the cluster's data-protection keys at rest with AES-256-GCM. The key is derived by HKDF-SHA256 from the
/// cluster's shared secret (Cluster:Transport:Secret) under a label of its own, so it is never the key the silo
/// handshake uses. Whoever reads the database (a replica, a backup) without the secret cannot forge sessions.
/// </summary>
public sealed class KeyRingCipher
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] DerivationLabel = "smarttrader-key-ring-v1"u8.ToArray();

    private readonly byte[] _key;

    public KeyRingCipher(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: DerivationLabel);
    }

    /// <summary>nonce ‖ ciphertext ‖ tag, with the label as associated data.</summary>
    public byte[] Seal(string plaintext)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + input.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, input, sealedBytes.AsSpan(NonceBytes, input.Length), sealedBytes.AsSpan(NonceBytes + input.Length), DerivationLabel);
        return sealedBytes;
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the bytes were sealed under another secret or altered.</summary>
    public string Open(ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
            throw new CryptographicException("The sealed key is too short to be one this cluster wrote.");
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var output = new byte[cipherLength];
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, cipherLength), sealedBytes[^TagBytes..], output, DerivationLabel);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException(
                "The data-protection key was sealed under another Cluster:Transport:Secret, or altered; sessions it issued cannot be read.", e);
        }
        return Encoding.UTF8.GetString(output);
    }
}

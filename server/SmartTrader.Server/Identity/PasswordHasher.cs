using System.Security.Cryptography;
using System.Text;

namespace SmartTrader.Server.Identity;

/// <summary>PBKDF2-SHA256 with a random salt. The iteration count is stored with the hash so it can be raised later.</summary>
public static class PasswordHasher
{
    private const string Algorithm = "pbkdf2-sha256";
    private const int Iterations = 200_000;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Derive(password, salt, Iterations);
        return $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string encoded)
    {
        var parts = encoded.Split('$');
        if (parts is not [Algorithm, var iterationsText, var saltText, var hashText] || !int.TryParse(iterationsText, out var iterations)
            || iterations < 1 || !TryDecode(saltText, out var salt) || !TryDecode(hashText, out var expected))
            return false;
        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }

    /// <summary>Spends the same time as a real check, so an unknown user name cannot be told apart by timing.</summary>
    public static void SimulateVerify(string password) => Derive(password, new byte[SaltSize], Iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashSize);
}

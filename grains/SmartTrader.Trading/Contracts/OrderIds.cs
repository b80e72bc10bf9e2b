using System.Security.Cryptography;
using System.Text;

namespace SmartTrader.Trading;

/// <summary>
/// Order ids are derived from (account, clientOrderId), so a resubmission reaches the same order grain and storage
/// row: idempotency rests on the primary key, not on a lookup. The account prefix lets an account's orders be listed
/// by key range.
/// </summary>
public static class OrderIds
{
    public static string For(string account, string clientOrderId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(clientOrderId), hash);
        return $"{account}.{Convert.ToHexStringLower(hash[..10])}";
    }

    public static string AccountPrefix(string account) => account + ".";

    public static bool BelongsTo(string orderId, string account) => orderId.StartsWith(AccountPrefix(account), StringComparison.Ordinal);
}

using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.ReadModels;

/// <summary>One page of accounts, in account-id order; pass <see cref="Next"/> as ?after= for the next page.</summary>
public sealed record AccountPage(ImmutableArray<AccountInfo> Accounts, string? Next);

/// <summary>
/// Lists the opened accounts from the portfolio grains' stored state (one row per account), without activating a
/// grain per account.
/// </summary>
public sealed class AccountListing(IGrainStorage storage)
{
    private const int ScanBatch = 500;

    public async Task<AccountPage> ListAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var accounts = ImmutableArray.CreateBuilder<AccountInfo>();
        var cursor = after;
        while (true)
        {
            var batch = Math.Min(limit - accounts.Count, ScanBatch);
            var rows = await storage.QueryByKeyPrefixAsync(
                PortfolioGrain.TypeName, PortfolioGrain.StateName, keyPrefix: "", cursor, batch, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                if (AccountOf(row) is { } account) accounts.Add(account);
            }
            if (accounts.Count == limit) return new AccountPage(accounts.ToImmutable(), cursor);
            if (rows.Count < batch) return new AccountPage(accounts.ToImmutable(), null);
        }
    }

    private static AccountInfo? AccountOf(StoredState row) => JsonSerializer.Deserialize<PortfolioState>(row.Payload, GrainStateJson.Options)?.Account;
}

using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.ReadModels;

/// <summary>An account's committed fills, and the number of the last one its portfolio had committed when they were read.</summary>
public sealed record AccountFills(AccountInfo Account, long Sequence, ImmutableArray<Fill> Fills);

/// <summary>
/// What an owner's tax view is built from, read from stored rows without calling a grain: the accounts registered
/// with the owner, and each account's committed fills. <see cref="TaxOwnerGrain"/> reads through this, never through
/// the portfolios, so it never waits on a portfolio that may be waiting on it.
/// </summary>
public sealed class TaxOwnerSources(IGrainStorage storage, OrderHistory history)
{
    private const int ScanBatch = 500;

    /// <summary>The accounts registered with the owner (<see cref="ITaxOwnerAccountGrain"/> rows), in key order.</summary>
    public async Task<ImmutableArray<string>> AccountsOfAsync(string owner, CancellationToken cancellationToken = default)
    {
        var prefix = TaxOwnerAccountGrain.KeyOf(owner, "");
        var accounts = ImmutableArray.CreateBuilder<string>();
        string? cursor = null;
        while (true)
        {
            var rows = await storage.QueryByKeyPrefixAsync(
                TaxOwnerAccountGrain.TypeName, TaxOwnerAccountGrain.StateName, prefix, cursor, ScanBatch, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                accounts.Add(cursor[prefix.Length..]);
            }
            if (rows.Count < ScanBatch) return accounts.ToImmutable();
        }
    }

    /// <summary>The number of the account's last committed fill; null when the account is not open.</summary>
    public async Task<long?> SequenceOfAsync(string account, CancellationToken cancellationToken = default) =>
        await PortfolioAsync(account, cancellationToken) is { Account: not null } portfolio ? portfolio.FillSequence : null;

    /// <summary>
    /// Every fill the account had committed when its portfolio row was read, with that row's sequence; null when the
    /// account is not open. The row is read first: a fill it no longer holds in its outbox was recorded in its order
    /// grain before, so the order rows read next have it.
    /// </summary>
    public async Task<AccountFills?> FillsOfAsync(string account, CancellationToken cancellationToken = default)
    {
        if (await PortfolioAsync(account, cancellationToken) is not { Account: { } info } portfolio) return null;
        return new AccountFills(info, portfolio.FillSequence, await history.CommittedFillsAsync(account, portfolio, cancellationToken));
    }

    private async Task<PortfolioState?> PortfolioAsync(string account, CancellationToken cancellationToken) =>
        await storage.ReadAsync(new GrainStateKey(PortfolioGrain.TypeName, account, PortfolioGrain.StateName), cancellationToken) is { } row
            ? JsonSerializer.Deserialize<PortfolioState>(row.Payload, GrainStateJson.Options)
            : null;
}

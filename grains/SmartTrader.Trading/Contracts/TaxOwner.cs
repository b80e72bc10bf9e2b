using System.Collections.Immutable;
using SmartTrader.Compliance;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Runtime;

namespace SmartTrader.Trading;

/// <summary>
/// Key: owner. The tax lots and wash sales of one owner across all of the owner's accounts (one taxpayer: a purchase
/// in any of them can wash a loss in another). While the owner has one account, its portfolio keeps them itself and
/// calls this grain only to register; once there is a second, every account's portfolio asks it for wash-sale facts
/// and views and sends it the fills it commits. It reads the accounts' fills from storage and never calls a
/// portfolio, so a portfolio waiting on it can never be waiting on itself.
/// </summary>
public interface ITaxOwnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the account to the owner's accounts; idempotent. Says whether the owner has more than one account, and
    /// names the account that has to be told so before the caller trades (the owner's first account, which until
    /// now kept its tax lots itself), if it has not been told yet.
    /// </summary>
    Task<TaxOwnerRegistration> Register(AccountInfo account);

    /// <summary>The owner's first account now uses this view (see <see cref="IPortfolioGrain.UseOwnerTaxView"/>).</summary>
    Task FirstAccountTold(string account);

    /// <summary>
    /// Fills the account committed, each with its number in the account's fill sequence; <paramref name="sequence"/>
    /// is the account's latest number. A fill already held is skipped; a number that skips one, or a
    /// <paramref name="sequence"/> beyond what is held, makes the grain read the account's fills from storage.
    /// </summary>
    Task RecordFills(string account, long sequence, ImmutableArray<SequencedFill> fills);

    /// <summary>What the wash-sale rule says of the order across the owner's accounts; <paramref name="sequence"/> as above.</summary>
    Task<WashSaleFacts> WashSaleFacts(string account, long sequence, ProposedOrder order, decimal estimatedPrice);

    /// <summary>The account's lots and realized sales, with adjustments from the owner's other accounts; every account caught up from storage first.</summary>
    Task<TaxLotsView> GetTaxLots(string account, long sequence);

    /// <summary>The owner's recent loss sales (see <see cref="WashSaleStatusView"/>); every account caught up from storage first.</summary>
    Task<WashSaleStatusView> GetWashSaleStatus(string account, long sequence);
}

/// <summary>
/// Key: "{owner}/{account}". One row per account registered with an owner, so <see cref="ITaxOwnerGrain"/> lists an
/// owner's accounts by key prefix, and no row grows with the number of accounts.
/// </summary>
public interface ITaxOwnerAccountGrain : IGrainWithStringKey
{
    /// <summary>Stores the registration once; again, it does nothing.</summary>
    Task Register();
}

/// <param name="Shared">The owner has more than one account: the owner's view keeps the caller's tax lots.</param>
/// <param name="AccountToTell">The owner's first account, when it has not been told yet that the owner's view now keeps its lots.</param>
public sealed record TaxOwnerRegistration(bool Shared, string? AccountToTell);

/// <summary>A fill with its number in its account's fill sequence (1, 2, ...: one per fill the portfolio commits).</summary>
public sealed record SequencedFill(long Sequence, Fill Fill);

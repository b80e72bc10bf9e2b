using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Grains;

public sealed class PortfolioState
{
    /// <summary>Null until the account is opened.</summary>
    public AccountInfo? Account { get; set; }

    public decimal InitialCash { get; set; }
    public AccountLedger Ledger { get; set; } = new();

    /// <summary>The session the account last placed an order in, with its equity then; null before its first order.</summary>
    public TradingDay? Day { get; set; }

    /// <summary>Orders still working (Accepted or PartiallyFilled), by order id.</summary>
    public Dictionary<string, OrderView> OpenOrders { get; set; } = [];

    /// <summary>
    /// Empty in states written since order records are committed with the portfolio. An older state may hold order
    /// snapshots its order grains had not recorded yet; the next activation commits them as records.
    /// </summary>
    public Dictionary<string, OrderView> Outbox { get; set; } = [];

    /// <summary>Whether the account is registered with its owner, and who keeps its tax lots.</summary>
    public TaxOwnerLink TaxOwner { get; set; }

    /// <summary>The number of the last fill the account committed (one per fill, from 1); its owner's view uses it to tell whether it missed one.</summary>
    public long FillSequence { get; set; }
}

public enum TaxOwnerLink
{
    /// <summary>Not registered with its owner yet (an account opened before owners kept tax lots); it registers on first need.</summary>
    Unregistered,
    /// <summary>The owner's only account, as far as it has been told: the portfolio keeps its tax lots itself.</summary>
    Solo,
    /// <summary>The owner has other accounts: <see cref="TaxOwnerGrain"/> keeps the tax lots of all of them.</summary>
    Shared,
}

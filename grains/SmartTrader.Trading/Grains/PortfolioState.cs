using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Grains;

public sealed class PortfolioState
{
    /// <summary>Null until the account is opened.</summary>
    public AccountInfo? Account { get; set; }

    public decimal InitialCash { get; set; }
    public AccountLedger Ledger { get; set; } = new();

    /// <summary>Orders still working (Accepted or PartiallyFilled), by order id.</summary>
    public Dictionary<string, OrderView> OpenOrders { get; set; } = [];

    /// <summary>Order snapshots committed here but not yet recorded in their order grains, by order id.</summary>
    public Dictionary<string, OrderView> Outbox { get; set; } = [];
}

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

    /// <summary>Order snapshots committed here but not yet recorded in their order grains, by order id.</summary>
    public Dictionary<string, OrderView> Outbox { get; set; } = [];

    /// <summary>The fills the day-trade ledger is rebuilt from on activation.</summary>
    public DayTradeHistory DayTrades { get; set; } = new();
}

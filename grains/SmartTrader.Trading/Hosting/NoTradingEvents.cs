namespace SmartTrader.Trading.Hosting;

/// <summary>The event sink used until the host registers one.</summary>
public sealed class NoTradingEvents : ITradingEvents
{
    public Task QuoteUpdated(Quote quote) => Task.CompletedTask;
    public Task OrderUpdated(OrderView order) => Task.CompletedTask;
    public Task PortfolioChanged(string account) => Task.CompletedTask;
}

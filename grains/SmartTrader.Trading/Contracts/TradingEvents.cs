namespace SmartTrader.Trading;

/// <summary>
/// Where the trading grains announce changes (the server pushes them to browsers). Called after the change is
/// committed; a failure is logged and never undoes or fails the change.
/// </summary>
public interface ITradingEvents
{
    Task QuoteUpdated(Quote quote);
    Task OrderUpdated(OrderView order);
    Task PortfolioChanged(string account);
}

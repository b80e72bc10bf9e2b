using Microsoft.AspNetCore.SignalR;
using SmartTrader.Trading;

namespace SmartTrader.Server.Realtime;

/// <summary>The trading grains' event sink: forwards each change to the hub group that may see it.</summary>
internal sealed class HubTradingEvents(IHubContext<TradingHub> hub) : ITradingEvents
{
    public Task QuoteUpdated(Quote quote) => hub.Clients.Group(TradingGroups.Quotes(quote.Symbol)).SendAsync("quote", quote);

    public Task OrderUpdated(OrderView order) => hub.Clients.Group(TradingGroups.Account(order.Account)).SendAsync("order", order);

    public Task PortfolioChanged(string account) => hub.Clients.Group(TradingGroups.Account(account)).SendAsync("portfolio", new { account });
}

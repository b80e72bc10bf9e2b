using SmartTrader.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Realtime;

/// <summary>
/// Pushes "quote" (to subscribers of the symbol) and "order"/"portfolio" (to subscribers of the account, who must be
/// allowed to view it). Connect with the cookie, or with ?access_token= for a bearer token.
/// </summary>
[Authorize]
public sealed class TradingHub(ISymbolCatalog catalog, UserAccessCache access, AccountSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/trading";
    private const int MaxSymbolsPerCall = 100;

    public async Task SubscribeQuotes(string[] symbols)
    {
        foreach (var symbol in Resolve(symbols))
            await Groups.AddToGroupAsync(Context.ConnectionId, TradingGroups.Quotes(symbol));
    }

    public async Task UnsubscribeQuotes(string[] symbols)
    {
        foreach (var symbol in Resolve(symbols))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, TradingGroups.Quotes(symbol));
    }

    public async Task SubscribeAccount(string accountId)
    {
        if (Context.User is not { } user || !(await user.RightsOnAsync(accountId, access)).CanView)
            throw new HubException($"You have no access to account '{accountId}'.");
        await subscriptions.SubscribeAsync(user.UserName(), Context.ConnectionId, accountId);
    }

    public Task UnsubscribeAccount(string accountId) =>
        subscriptions.UnsubscribeAsync(Context.User!.UserName(), Context.ConnectionId, accountId);

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Disconnected(Context.User!.UserName(), Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private List<string> Resolve(string[] symbols)
    {
        if (symbols is not { Length: > 0 and <= MaxSymbolsPerCall })
            throw new HubException($"Name between 1 and {MaxSymbolsPerCall} symbols.");
        return symbols.Select(symbol => catalog.TryGet(symbol, out var info) ? info.Symbol : throw new HubException($"Unknown symbol '{symbol}'.")).ToList();
    }
}

internal static class TradingGroups
{
    public static string Quotes(string symbol) => "quotes:" + symbol;

    public static string Account(string accountId) => "account:" + accountId;
}

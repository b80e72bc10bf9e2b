using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace SmartTrader.Server.Realtime;

/// <summary>
/// Which hub connections of which user receive which account's updates. Access is checked when a connection
/// subscribes; when it is withdrawn (grant revoked, user disabled, signed out) the user's connections leave the
/// account groups here, so an open connection stops receiving at once.
/// </summary>
public sealed class AccountSubscriptions(IHubContext<TradingHub> hub)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>> _byUser = new();

    internal async Task SubscribeAsync(string user, string connectionId, string account)
    {
        ConnectionsOf(user).GetOrAdd(connectionId, _ => new()).TryAdd(account, 0);
        await hub.Groups.AddToGroupAsync(connectionId, TradingGroups.Account(account));
    }

    internal async Task UnsubscribeAsync(string user, string connectionId, string account)
    {
        if (ConnectionsOf(user).TryGetValue(connectionId, out var accounts)) accounts.TryRemove(account, out _);
        await hub.Groups.RemoveFromGroupAsync(connectionId, TradingGroups.Account(account));
    }

    internal void Disconnected(string user, string connectionId) => ConnectionsOf(user).TryRemove(connectionId, out _);

    /// <summary>The user lost access to one account.</summary>
    public Task RevokeAsync(string user, string account) =>
        Task.WhenAll(ConnectionsOf(user)
            .Where(connection => connection.Value.ContainsKey(account))
            .Select(connection => UnsubscribeAsync(user, connection.Key, account)));

    /// <summary>The user's sessions ended (signed out or disabled): every account subscription goes.</summary>
    public Task EndAllAsync(string user) =>
        Task.WhenAll(ConnectionsOf(user)
            .SelectMany(connection => connection.Value.Keys.Select(account => UnsubscribeAsync(user, connection.Key, account))));

    private ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> ConnectionsOf(string user) =>
        _byUser.GetOrAdd(user, _ => new());
}

using Microsoft.AspNetCore.SignalR;
using SmartTrader.Server.Realtime;

namespace SmartTrader.Server.Tests;

/// <summary>Withdrawn access takes open hub connections out of the account's group at once.</summary>
public sealed class AccountSubscriptionsTests
{
    private readonly RecordingGroups _groups = new();
    private readonly AccountSubscriptions _subscriptions;

    public AccountSubscriptionsTests() => _subscriptions = new AccountSubscriptions(new HubContext(_groups));

    [Fact]
    public async Task Revoking_one_account_removes_only_that_accounts_subscriptions_of_that_user()
    {
        await _subscriptions.SubscribeAsync("trader", "c1", "acc-1");
        await _subscriptions.SubscribeAsync("trader", "c2", "acc-1");
        await _subscriptions.SubscribeAsync("trader", "c2", "acc-2");
        await _subscriptions.SubscribeAsync("other", "c3", "acc-1");

        await _subscriptions.RevokeAsync("trader", "acc-1");

        _groups.Members("account:acc-1").Should().BeEquivalentTo("c3");
        _groups.Members("account:acc-2").Should().BeEquivalentTo("c2");
    }

    [Fact]
    public async Task Ending_a_users_sessions_removes_all_their_account_subscriptions()
    {
        await _subscriptions.SubscribeAsync("trader", "c1", "acc-1");
        await _subscriptions.SubscribeAsync("trader", "c2", "acc-2");
        await _subscriptions.SubscribeAsync("other", "c3", "acc-2");

        await _subscriptions.EndAllAsync("trader");

        _groups.Members("account:acc-1").Should().BeEmpty();
        _groups.Members("account:acc-2").Should().BeEquivalentTo("c3");
    }

    [Fact]
    public async Task A_disconnected_connection_is_forgotten()
    {
        await _subscriptions.SubscribeAsync("trader", "c1", "acc-1");
        _subscriptions.Disconnected("trader", "c1");
        _groups.Removed.Clear();

        await _subscriptions.EndAllAsync("trader");

        _groups.Removed.Should().BeEmpty("nothing is left to remove for a closed connection");
    }

    private sealed class RecordingGroups : IGroupManager
    {
        private readonly Dictionary<string, HashSet<string>> _members = [];
        public List<(string Connection, string Group)> Removed { get; } = [];

        public IReadOnlyCollection<string> Members(string group)
        {
            lock (_members) return _members.TryGetValue(group, out var m) ? [.. m] : [];
        }

        public Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            lock (_members)
            {
                if (!_members.TryGetValue(groupName, out var members)) _members[groupName] = members = [];
                members.Add(connectionId);
            }
            return Task.CompletedTask;
        }

        public Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
        {
            lock (_members)
            {
                Removed.Add((connectionId, groupName));
                if (_members.TryGetValue(groupName, out var members)) members.Remove(connectionId);
            }
            return Task.CompletedTask;
        }
    }

    private sealed class HubContext(IGroupManager groups) : IHubContext<TradingHub>
    {
        public IHubClients Clients => throw new NotSupportedException();
        public IGroupManager Groups { get; } = groups;
    }
}

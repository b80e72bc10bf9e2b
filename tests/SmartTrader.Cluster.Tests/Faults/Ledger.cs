using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;

namespace SmartTrader.Cluster.Tests.Faults;

/// <summary>Checks the accounts against what the clients were told.</summary>
public static class Ledger
{
    /// <summary>
    /// Every acknowledged order is recorded exactly once on its account, nothing else is, and each balance is the sum of
    /// its acknowledged amounts. Reads go through <paramref name="via"/>; returns the silo serving each account.
    /// </summary>
    public static async Task<Dictionary<string, string>> VerifyAsync(TestCluster cluster, int via, OrderClients clients, IEnumerable<string> accounts, TimeSpan patience)
    {
        clients.Unexpected.Should().BeEmpty("clients only see failures they retry on");
        var servedBy = new Dictionary<string, string>();
        foreach (var account in accounts)
        {
            var view = await Eventually.SucceedsAsync(() => cluster.GrainFactory(via).GetGrain<IAccountGrain>(account).Read(), patience);
            var expected = clients.Acknowledged.Where(a => a.Value.Account == account).ToList();
            view.OrderIds.Should().OnlyHaveUniqueItems("no order of {0} was applied twice", account);
            view.OrderIds.Should().BeEquivalentTo(expected.Select(e => e.Key), "{0} holds exactly its acknowledged orders", account);
            view.Balance.Should().Be(expected.Sum(e => e.Value.Amount), "the balance of {0} is the sum of its acknowledged amounts", account);
            servedBy[account] = view.Silo;
        }
        return servedBy;
    }
}

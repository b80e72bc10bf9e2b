using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;
using Xunit.Abstractions;

namespace SmartTrader.Server.Tests;

/// <summary>
/// Three clustered server processes: accounts that share their owner's tax lots end up on the silo of the owner's
/// tax-lot grain, which each of their orders calls twice (docs/cluster.md, "Moving a grain next to another").
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class PortfolioPlacementTests(ITestOutputHelper output)
{
    private const string Owner = "placement-owner";
    private const string OwnerPassword = "placement-owner-password";
    private const string AdminPassword = "placement-admin-password";

    /// <summary>Six accounts: that placement alone puts all six on the owner's silo has odds of 1 in 729.</summary>
    private const int Accounts = 6;

    [Fact]
    public async Task Accounts_that_share_their_owners_tax_lots_move_to_the_silo_of_the_owners_grain()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var cluster = await ClusteredServers.StartAsync(3, database.ConnectionString, AdminPassword, output);
        try
        {
            var accounts = Enumerable.Range(0, Accounts).Select(i => $"placement-{i}").ToArray();
            using var admin = await HttpExtensions.SignedInClientAsync(cluster.Urls[0], "root", AdminPassword);
            (await admin.PostAsJsonAsync("/api/users", new { userName = Owner, password = OwnerPassword, roles = new[] { "trader" } }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            foreach (var id in accounts)
                (await admin.PostAsJsonAsync("/api/accounts", new { id, name = id, type = "Margin", initialCash = 1_000_000m, owner = Owner }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);

            // One order per account, each through another silo: an account joins its owner's tax view with its first order.
            for (var i = 0; i < accounts.Length; i++)
            {
                using var trader = await HttpExtensions.SignedInClientAsync(cluster.Urls[i % cluster.Urls.Count], Owner, OwnerPassword);
                if (i == 0) await trader.WaitForQuoteAsync("AAPL");
                (await trader.PostAsJsonAsync($"/api/accounts/{accounts[i]}/orders", Orders.Market($"placement-{i}", quantity: 1)))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
            }

            var clock = Stopwatch.StartNew();
            IReadOnlyDictionary<string, string> owners, portfolios;
            while (true)
            {
                owners = await GrainDirectory.HoldersAsync(database.ConnectionString, "tax-owner", Owner);
                portfolios = await GrainDirectory.HoldersAsync(database.ConnectionString, "portfolio", "placement-%");
                if (portfolios.Values.Count(silo => silo == owners.GetValueOrDefault(Owner)) == Accounts || clock.Elapsed > TimeSpan.FromSeconds(20)) break;
                await Task.Delay(200);
            }

            owners.Should().ContainKey(Owner);
            portfolios.Should().HaveCount(Accounts)
                .And.OnlyContain(p => p.Value == owners[Owner], "every account moved to its owner's silo: {0}", Describe(portfolios));
        }
        finally
        {
            await cluster.DisposeAsync(output);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, string> portfolios) =>
        string.Join(", ", portfolios.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} on {p.Value}"));
}

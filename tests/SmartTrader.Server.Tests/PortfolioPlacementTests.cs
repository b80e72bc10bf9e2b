using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
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
            var holders = await HoldersAsync(database.ConnectionString, accounts);
            while (!AllWithTheOwner(holders) && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(200);
                holders = await HoldersAsync(database.ConnectionString, accounts);
            }

            holders.Should().ContainKey("tax-owner/" + Owner);
            holders.Where(h => h.Key.StartsWith("portfolio/", StringComparison.Ordinal)).Should().HaveCount(Accounts)
                .And.OnlyContain(h => h.Value == holders["tax-owner/" + Owner], "every account moved to its owner's silo: {0}", Describe(holders));
        }
        finally
        {
            await cluster.DisposeAsync(output);
        }
    }

    private static bool AllWithTheOwner(IReadOnlyDictionary<string, string> holders) =>
        holders.TryGetValue("tax-owner/" + Owner, out var ownerSilo)
        && holders.Count(h => h.Key.StartsWith("portfolio/", StringComparison.Ordinal) && h.Value == ownerSilo) == Accounts;

    /// <summary>The cluster directory's holder of each account's portfolio and of the owner's tax-lot grain, as "type/key" → silo.</summary>
    private static async Task<Dictionary<string, string>> HoldersAsync(string connectionString, string[] accounts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_type, grain_key, silo FROM grain_directory " +
            "WHERE (grain_type = 'portfolio' AND grain_key = ANY($1)) OR (grain_type = 'tax-owner' AND grain_key = $2)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = accounts });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Owner });
        var holders = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) holders[$"{reader.GetString(0)}/{reader.GetString(1)}"] = reader.GetString(2);
        return holders;
    }

    private static string Describe(IReadOnlyDictionary<string, string> holders) =>
        string.Join(", ", holders.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key} on {h.Value}"));
}

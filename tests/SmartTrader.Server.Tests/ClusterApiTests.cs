using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SmartTrader.Server.Hosting;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>Cluster mode's configuration, and GET /api/cluster on a single silo.</summary>
public sealed class ClusterApiTests(ServerFactory factory) : IClassFixture<ServerFactory>, IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Cluster_mode_needs_postgres_storage()
    {
        var validator = new SmartTraderOptionsValidator(new ConfigurationBuilder().Build());

        var sqlite = validator.Validate(null, new SmartTraderOptions { Cluster = true });
        var postgres = validator.Validate(null, new SmartTraderOptions
        {
            Cluster = true, Storage = StorageProvider.Postgres, ConnectionString = "Host=db",
            Auth = { BootstrapAdmin = { UserName = "root", Password = "a-long-enough-password" } },
        });

        sqlite.Failed.Should().BeTrue();
        sqlite.FailureMessage.Should().Contain("--storage postgres");
        postgres.Succeeded.Should().BeTrue(postgres.FailureMessage);
    }

    [Fact]
    public async Task Serve_cluster_on_sqlite_exits_with_a_clear_message()
    {
        await using var server = ServerProcess.Start(["serve", "--cluster", "--data-dir", _scratch.Path, "--urls", "http://127.0.0.1:0"]);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0);
        server.Output.Should().Contain("cluster").And.Contain("--storage postgres");
    }

    [Fact]
    public async Task Serve_cluster_without_the_silos_shared_secret_exits_with_a_clear_message()
    {
        await using var server = ServerProcess.Start(
            ["serve", "--cluster", "--storage", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=none", "--data-dir", _scratch.Path,
                "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string>
            {
                ["SmartTrader__Auth__BootstrapAdmin__UserName"] = "root",
                ["SmartTrader__Auth__BootstrapAdmin__Password"] = "a-long-enough-password",
            });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().Be(2);
        server.Output.Should().Contain("Cluster:Transport:Secret is required").And.NotContain("   at ");
    }

    [Fact]
    public async Task A_single_silo_shows_itself_running_the_feed_with_its_activations()
    {
        using var admin = await factory.ClientForAsync("admin");

        var cluster = await (await admin.GetAsync("/api/cluster")).ShouldBeAsync<JsonElement>(HttpStatusCode.OK);

        cluster.GetProperty("mode").GetString().Should().Be("single");
        var silo = cluster.GetProperty("silos").EnumerateArray().Should().ContainSingle().Subject;
        silo.GetProperty("address").GetString().Should().Be(cluster.GetProperty("localSilo").GetString());
        silo.GetProperty("status").GetString().Should().Be("Active");
        silo.GetProperty("isLocal").GetBoolean().Should().BeTrue();
        silo.GetProperty("runsMarketFeed").GetBoolean().Should().BeTrue();
        // Signing in activated at least the admin's user grain.
        silo.GetProperty("activations").GetProperty("total").GetInt32().Should().BeGreaterThan(0);
        silo.GetProperty("activations").GetProperty("byType").EnumerateObject().Should().NotBeEmpty();
        var process = silo.GetProperty("process");
        process.GetProperty("cpuSeconds").GetDouble().Should().BePositive();
        process.GetProperty("allocatedBytes").GetInt64().Should().BePositive();
        process.GetProperty("heapBytes").GetInt64().Should().BePositive();
        process.GetProperty("gen0Collections").GetInt32().Should().BeGreaterThanOrEqualTo(process.GetProperty("gen1Collections").GetInt32());
        // Seeding the demo users and accounts committed grain states.
        var storage = silo.GetProperty("storage");
        storage.GetProperty("provider").GetString().Should().Be("sqlite");
        storage.GetProperty("batches").GetInt64().Should().BePositive();
        storage.GetProperty("rows").GetInt64().Should().BeGreaterThanOrEqualTo(storage.GetProperty("batches").GetInt64());
        storage.GetProperty("largestBatch").GetInt32().Should().BePositive();
        storage.GetProperty("commitSeconds").GetDouble().Should().BePositive();
        storage.GetProperty("failedBatches").GetInt64().Should().Be(0);
    }

    [Theory]
    [InlineData("developer", HttpStatusCode.OK)]
    [InlineData("compliance", HttpStatusCode.OK)]
    [InlineData("trader", HttpStatusCode.Forbidden)]
    public async Task Admins_developers_and_compliance_may_read_the_cluster(string user, HttpStatusCode expected)
    {
        using var client = await factory.ClientForAsync(user);

        using var response = await client.GetAsync("/api/cluster");

        if (expected == HttpStatusCode.OK) (await response.ShouldBeAsync<JsonElement>(expected)).GetProperty("silos").GetArrayLength().Should().Be(1);
        else await response.ShouldBeProblemAsync(expected);
    }

    [Fact]
    public async Task Anonymous_callers_get_a_problem()
    {
        await (await factory.CreateClient().GetAsync("/api/cluster")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    public void Dispose() => _scratch.Dispose();
}

using Microsoft.Extensions.Options;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests;

public sealed class GrainDirectoryTableTests : IAsyncLifetime
{
    private static readonly SiloAddress[] Silos =
        [new("10.0.0.1:11111@1"), new("10.0.0.2:11111@1"), new("10.0.0.3:11111@1")];

    private TestPostgres _database = null!;
    private ClusterDatabase _cluster = null!;
    private PostgresGrainDirectoryTable _directory = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _cluster = new ClusterDatabase(_database.ConnectionString);
        var membership = new PostgresMembershipTable(_cluster);
        await membership.InitializeAsync(default);
        foreach (var silo in Silos) await membership.InsertJoiningAsync(ClusterSiloAddress.Parse(silo), "s", default);
        _directory = new PostgresGrainDirectoryTable(_cluster, Options.Create(new ClusterOptions()));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Of_many_silos_claiming_a_grain_at_once_the_first_writer_wins_and_everyone_is_told_the_same_holder()
    {
        for (var i = 0; i < 20; i++)
        {
            var grain = new GrainId("counter", $"race-{i}");
            var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(n => _directory.RegisterAsync(grain, Silos[n % 3], default)));

            claims.Distinct().Should().ContainSingle();
            (await _directory.LookupAsync(grain, default)).Should().Be(claims[0]);
        }
    }

    [Fact]
    public async Task A_claim_held_by_a_live_silo_stands_and_one_held_by_a_dead_silo_is_taken_over()
    {
        var grain = new GrainId("counter", "k");
        (await _directory.RegisterAsync(grain, Silos[0], default)).Should().Be(Silos[0]);
        (await _directory.RegisterAsync(grain, Silos[1], default)).Should().Be(Silos[0], "silo 0 is live");
        (await _directory.RegisterAsync(grain, Silos[0], default)).Should().Be(Silos[0], "claiming again is harmless");

        await ClusterSql.DeclareDeadAsync(_database.ConnectionString, Silos[0].Value);
        var takeovers = await Task.WhenAll(_directory.RegisterAsync(grain, Silos[1], default), _directory.RegisterAsync(grain, Silos[2], default));

        takeovers[0].Should().Be(takeovers[1], "one survivor takes the claim over and the other is told so");
        takeovers[0].Should().NotBe(Silos[0]);
    }

    [Fact]
    public async Task A_silo_releases_only_its_own_claims()
    {
        var mine = new GrainId("counter", "mine");
        var theirs = new GrainId("counter", "theirs");
        await _directory.RegisterAsync(mine, Silos[0], default);
        await _directory.RegisterAsync(theirs, Silos[1], default);

        await _directory.UnregisterAsync(theirs, Silos[0], default);
        (await _directory.LookupAsync(theirs, default)).Should().Be(Silos[1]);

        await _directory.UnregisterAsync(mine, Silos[0], default);
        (await _directory.LookupAsync(mine, default)).Should().BeNull();

        await _directory.RegisterAsync(mine, Silos[1], default);
        (await _directory.UnregisterAllAsync(Silos[1], default)).Should().Be(2);
    }

    [Fact]
    public async Task Claims_and_releases_sent_together_each_take_effect_in_the_order_they_were_made()
    {
        var grains = Enumerable.Range(0, 300).Select(i => new GrainId("order", $"acct.{i}")).ToArray();
        var holders = await Task.WhenAll(grains.Select((g, i) => _directory.RegisterAsync(g, Silos[i % 3], default)));
        holders.Should().Equal(grains.Select((_, i) => Silos[i % 3]));

        // Released and claimed again at once: the release is made first, so the grain ends up claimed.
        var releasing = grains.Select((g, i) => _directory.UnregisterAsync(g, Silos[i % 3], default)).ToArray();
        var reclaiming = grains.Where((_, i) => i % 2 == 0).Select(g => _directory.RegisterAsync(g, Silos[2], default)).ToArray();
        await Task.WhenAll(releasing);
        (await Task.WhenAll(reclaiming)).Should().AllBeEquivalentTo(Silos[2]);

        for (var i = 0; i < grains.Length; i++)
            (await _directory.LookupAsync(grains[i], default)).Should().Be(i % 2 == 0 ? Silos[2] : null, $"grain {i}");
    }

    [Fact]
    public async Task A_claim_the_database_cannot_answer_fails_as_a_storage_failure()
    {
        await using var unreachable = new ClusterDatabase($"Host=127.0.0.1;Port={TestCluster.FreePort()};Username=postgres;Timeout=5");
        var directory = new PostgresGrainDirectoryTable(unreachable, Options.Create(new ClusterOptions()));

        var failure = await directory.Invoking(d => d.RegisterAsync(new GrainId("counter", "k"), Silos[0], default))
            .Should().ThrowAsync<GrainStorageException>();

        failure.Which.Message.Should().Contain("grain directory").And.Contain("counter");
        failure.Which.InnerException.Should().BeAssignableTo<Npgsql.NpgsqlException>();
    }
}

using Microsoft.Extensions.Options;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests;

public sealed class MembershipTableTests : IAsyncLifetime
{
    private static readonly ClusterSiloAddress A = new("10.0.0.1", 11111, 100);
    private static readonly ClusterSiloAddress B = new("10.0.0.2", 11111, 200);
    private TestPostgres _database = null!;
    private ClusterDatabase _cluster = null!;
    private PostgresMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _cluster = new ClusterDatabase(_database.ConnectionString);
        _table = new PostgresMembershipTable(_cluster);
        await _table.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_joins_as_Joining_at_version_1_and_each_status_change_is_a_compare_and_swap_that_moves_the_cluster_version()
    {
        await _table.InsertJoiningAsync(A, "a", default);
        var joined = await _table.ReadAsync(default);
        joined.Find(A).Should().BeEquivalentTo(new { Name = "a", Status = SiloStatus.Joining, Version = 1L });

        (await _table.TryChangeStatusAsync(A, 1, SiloStatus.Active, default)).Should().Be(2);
        (await _table.TryChangeStatusAsync(A, 1, SiloStatus.ShuttingDown, default)).Should().BeNull("version 1 is stale");

        var active = await _table.ReadAsync(default);
        active.Find(A)!.Status.Should().Be(SiloStatus.Active);
        active.Version.Should().Be(joined.Version + 1);
        active.ActiveSilos.Should().Equal(A);
    }

    [Fact]
    public async Task Heartbeats_move_the_heartbeat_time_only_and_fail_once_the_row_is_dead()
    {
        await _table.InsertJoiningAsync(A, "a", default);
        await ClusterSql.ExecuteAsync(_database.ConnectionString, "UPDATE cluster_silos SET heartbeat_at = now() - interval '1 minute'");
        var before = await _table.ReadAsync(default);

        (await _table.HeartbeatAsync(A, default)).Should().BeTrue();
        var after = await _table.ReadAsync(default);
        after.HeartbeatAge(after.Find(A)!).Should().BeLessThan(TimeSpan.FromSeconds(5));
        after.Version.Should().Be(before.Version, "a heartbeat is not a membership change");
        after.Find(A)!.Version.Should().Be(1);

        await ClusterSql.DeclareDeadAsync(_database.ConnectionString, A.ToString());
        (await _table.HeartbeatAsync(A, default)).Should().BeFalse();
        (await _table.HeartbeatAsync(B, default)).Should().BeFalse("a silo without a row must stop too");
    }

    [Fact]
    public async Task Only_a_silo_silent_past_the_limit_can_be_declared_dead_and_only_one_of_many_peers_wins()
    {
        await _table.InsertJoiningAsync(A, "a", default);
        (await _table.TryDeclareDeadAsync(A, 1, TimeSpan.FromSeconds(5), default)).Should().BeFalse("A heartbeated just now");

        await ClusterSql.ExecuteAsync(_database.ConnectionString, "UPDATE cluster_silos SET heartbeat_at = now() - interval '10 seconds'");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _table.TryDeclareDeadAsync(A, 1, TimeSpan.FromSeconds(5), default)));

        attempts.Count(won => won).Should().Be(1);
        var view = await _table.ReadAsync(default);
        view.Find(A).Should().BeEquivalentTo(new { Status = SiloStatus.Dead, Version = 2L });
        (await _table.TryDeclareDeadAsync(A, 2, TimeSpan.FromSeconds(5), default)).Should().BeFalse("a dead silo is not declared dead twice");
    }

    [Fact]
    public async Task Rows_dead_past_the_retention_are_deleted_with_their_directory_entries_and_live_rows_stay()
    {
        var directory = new PostgresGrainDirectoryTable(_cluster, Options.Create(new ClusterOptions()));
        await _table.InsertJoiningAsync(A, "a", default);
        await _table.InsertJoiningAsync(B, "b", default);
        var grain = new GrainId("counter", "k");
        (await directory.RegisterAsync(grain, A.ToSiloAddress(), default)).Should().Be(A.ToSiloAddress());
        await ClusterSql.DeclareDeadAsync(_database.ConnectionString, A.ToString());

        (await _table.DeleteDeadAsync(TimeSpan.FromMinutes(1), default)).Should().Be(0, "A died just now");
        await ClusterSql.ExecuteAsync(_database.ConnectionString, "UPDATE cluster_silos SET status_changed_at = now() - interval '2 minutes' WHERE status = 'Dead'");
        (await _table.DeleteDeadAsync(TimeSpan.FromMinutes(1), default)).Should().Be(1);

        (await _table.ReadAsync(default)).Silos.Select(s => s.Address).Should().Equal(B);
        (await directory.LookupAsync(grain, default)).Should().BeNull();
    }
}

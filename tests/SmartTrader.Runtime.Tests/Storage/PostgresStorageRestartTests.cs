using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>
/// A database restart breaks every connection the pool holds. The first read after it must not be the one that finds
/// out: reads are idempotent, so one that fails on a connection the restart broke is sent again on a new one.
/// </summary>
public sealed class PostgresStorageRestartTests
{
    [Theory]
    [InlineData("immediate")]
    [InlineData("fast")]
    public async Task The_first_reads_after_a_database_restart_succeed(string stopMode)
    {
        await using var postgres = await RestartablePostgres.StartNewAsync();
        await using var storage = new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = postgres.ConnectionString });
        var keys = Enumerable.Range(0, 8).Select(i => new GrainStateKey("Restart", $"k{i}", "s")).ToList();
        foreach (var key in keys) await storage.WriteAsync(key, Json.Bytes($$"""{"n":"{{key.GrainKey}}"}"""), null);
        await Task.WhenAll(keys.Select(k => storage.ReadAsync(k)));

        await postgres.StopAsync(stopMode);
        await postgres.StartAsync();

        var reads = await Task.WhenAll(keys.Select(k => storage.ReadAsync(k)));
        reads.Should().OnlyContain(r => r != null);
        var listed = await storage.QueryByKeyPrefixAsync("Restart", "s", "k", null, 100);
        listed.Select(s => s.Key.GrainKey).Should().Equal(keys.Select(k => k.GrainKey));
    }

    /// <summary>A readiness probe is a read: the first after a restart must not take a silo out of a load balancer.</summary>
    [Fact]
    public async Task The_health_check_after_a_database_restart_answers_healthy()
    {
        await using var postgres = await RestartablePostgres.StartNewAsync();
        await using var storage = new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = postgres.ConnectionString });
        (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => storage.IsHealthyAsync()))).Should().OnlyContain(healthy => healthy);

        await postgres.StopAsync();
        await postgres.StartAsync();

        var answers = new List<bool>();
        for (var i = 0; i < 8; i++) answers.Add(await storage.IsHealthyAsync());
        answers.Should().OnlyContain(healthy => healthy);

        await postgres.StopAsync();
        (await storage.IsHealthyAsync()).Should().BeFalse("the database is down");
    }

    /// <summary>
    /// A write is not sent twice (whether a lost commit happened is unknown), so the first write after a restart may
    /// fail; the next ones must connect afresh, not meet the pool's other broken connections one by one.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_database_restart_at_most_the_first_write_fails(bool multiplexing)
    {
        await using var postgres = await RestartablePostgres.StartNewAsync();
        await using var storage = new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = $"{postgres.ConnectionString};Multiplexing={multiplexing}" });
        var keys = Enumerable.Range(0, 8).Select(i => new GrainStateKey("Restart", $"w{i}", "s")).ToList();
        var etags = await Task.WhenAll(keys.Select(k => storage.WriteAsync(k, Json.Bytes("""{"n":0}"""), null)));
        await Task.WhenAll(keys.Select(k => storage.ReadAsync(k)));

        await postgres.StopAsync();
        await postgres.StartAsync();

        var failed = 0;
        foreach (var (key, etag) in keys.Zip(etags))
        {
            try
            {
                await storage.WriteAsync(key, Json.Bytes("""{"n":1}"""), etag);
            }
            catch (GrainStorageException)
            {
                failed++;
            }
        }
        failed.Should().BeLessThanOrEqualTo(1, "of {0} writes", keys.Count);
    }
}

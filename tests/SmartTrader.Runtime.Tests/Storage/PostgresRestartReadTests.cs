using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>
/// A database restart breaks every connection the pool holds. The first read after it must not be the one that finds
/// out: reads are idempotent, so one that fails on a connection the restart broke is sent again on a new one.
/// </summary>
public sealed class PostgresRestartReadTests
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
}

using System.Buffers.Binary;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Sqlite;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>
/// Under writes that never pause, the WAL must still start again from its beginning: a passive checkpoint alone never
/// copies the last commit, and SQLite reuses the WAL only once every frame is copied.
/// </summary>
public sealed class SqliteWalBoundTests
{
    private const long Limit = 256 * 1024;
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_checkpoint_round_starts_a_wal_past_its_limit_again_while_writes_go_on_and_every_write_is_kept()
    {
        using var scratch = new ScratchDirectory();
        var options = new SqliteStorageOptions { DatabasePath = scratch.File("wal.db"), CheckpointInterval = Never, WalSizeLimitBytes = Limit };
        var payload = Json.Bytes($$"""{"filler":"{{new string('x', 2_000)}}"}""");
        var keys = Enumerable.Range(0, 64).Select(i => new GrainStateKey("Wal", $"k{i:D2}", "s")).ToArray();
        var etags = new string?[keys.Length];
        var writes = 0L;

        await using (var storage = new SqliteGrainStorage(options))
        await using (var checkpointer = new SqliteCheckpointer(new SqliteConnections(options), Never, NullLogger.Instance))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                for (var i = writer; !stop.IsCancellationRequested; i = (i + 8) % keys.Length)
                {
                    etags[i] = await storage.WriteAsync(keys[i], payload, etags[i]);
                    Interlocked.Increment(ref writes);
                }
            })).ToList();

            await WaitUntilAsync(() => WalBytes(options) > 4 * Limit);
            var before = WalHeader(options);
            var grownTo = WalBytes(options);
            checkpointer.CheckpointOnce();
            var afterRound = Interlocked.Read(ref writes);
            await WaitUntilAsync(() => Interlocked.Read(ref writes) > afterRound + 16);
            var after = WalHeader(options);
            var cutTo = WalBytes(options);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            after.CheckpointSequence.Should().BeGreaterThan(before.CheckpointSequence, "the commits after the round started the WAL again");
            after.Salt.Should().NotBe(before.Salt);
            cutTo.Should().BeLessThan(grownTo, "starting again cut the file back to its limit ({0} bytes before)", grownTo);
        }

        await using var reopened = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = options.DatabasePath });
        foreach (var (key, etag) in keys.Zip(etags)) (await reopened.ReadAsync(key))!.Etag.Should().Be(etag);
    }

    /// <summary>The WAL header's checkpoint sequence and first salt, which SQLite changes each time it starts the WAL again.</summary>
    private static (uint CheckpointSequence, uint Salt) WalHeader(SqliteStorageOptions options)
    {
        using var wal = new FileStream(options.DatabasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[20];
        wal.ReadExactly(header);
        return (BinaryPrimitives.ReadUInt32BigEndian(header[12..]), BinaryPrimitives.ReadUInt32BigEndian(header[16..]));
    }

    private static long WalBytes(SqliteStorageOptions options) => new FileInfo(options.DatabasePath + "-wal") is { Exists: true } wal ? wal.Length : 0;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The writes did not get there in 30 s.");
            await Task.Delay(5);
        }
    }
}

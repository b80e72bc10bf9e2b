using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>Rows a grain writes alongside its state: committed with it, never without it.</summary>
public sealed class GrainRecordTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    private static (GrainStateKey State, GrainStateKey First, GrainStateKey Second) NewKeys()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return (new("Owner" + suffix, "acct", "state"), new("Record" + suffix, "acct.1", "record"), new("Record" + suffix, "acct.2", "record"));
    }

    private static GrainRecord Record(GrainStateKey key, int n) => new(key, Json.Bytes($$"""{"n":{{n}}}"""));

    [Theory, MemberData(nameof(Kinds))]
    public async Task Records_are_committed_with_the_state_and_overwritten_by_later_writes(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var storage = opened.Storage;
        var (state, first, second) = NewKeys();

        var etag = await storage.WriteAsync(state, Json.Bytes("""{"v":1}"""), null, [Record(first, 1), Record(second, 1)]);
        etag = await storage.WriteAsync(state, Json.Bytes("""{"v":2}"""), etag, [Record(first, 2)]);

        etag.Should().Be("2");
        var firstRow = await storage.ReadAsync(first);
        Json.SameJson(firstRow!.Payload, """{"n":2}""").Should().BeTrue();
        firstRow.Etag.Should().Be("2", "each write of a record moves its version on");
        Json.SameJson((await storage.ReadAsync(second))!.Payload, """{"n":1}""").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_write_that_conflicts_leaves_its_records_unwritten(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var storage = opened.Storage;
        var (state, first, second) = NewKeys();
        var etag = await storage.WriteAsync(state, Json.Bytes("{}"), null, [Record(first, 1)]);

        var stale = await storage.Invoking(s => s.WriteAsync(state, Json.Bytes("""{"stale":true}"""), null, [Record(first, 9), Record(second, 9)]))
            .Should().ThrowAsync<InconsistentStateException>();
        await storage.Invoking(s => s.WriteAsync(state, Json.Bytes("""{"stale":true}"""), "7", [Record(first, 9), Record(second, 9)]))
            .Should().ThrowAsync<InconsistentStateException>();

        stale.Which.StoredEtag.Should().Be(etag);
        Json.SameJson((await storage.ReadAsync(first))!.Payload, """{"n":1}""").Should().BeTrue();
        (await storage.ReadAsync(second)).Should().BeNull();
        Json.SameJson((await storage.ReadAsync(state))!.Payload, "{}").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task In_one_batch_only_the_writes_that_succeed_bring_their_records(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        await opened.InitializeAsync();
        var storage = opened.Storage;
        var type = NewKeys().State.GrainType;
        var states = Enumerable.Range(0, 20).Select(i => new GrainStateKey(type, $"acct{i:D2}", "state")).ToArray();
        var etags = await Task.WhenAll(states.Select(s => storage.WriteAsync(s, Json.Bytes("{}"), null)));

        // Even accounts write at their version, odd ones at a stale one; all at once, so batches mix both.
        var writes = states.Select((s, i) => storage.WriteAsync(
            s, Json.Bytes($$"""{"i":{{i}}}"""), i % 2 == 0 ? etags[i] : "99",
            [Record(new GrainStateKey(type + "Order", $"acct{i:D2}.a", "record"), i), Record(new GrainStateKey(type + "Order", $"acct{i:D2}.b", "record"), i)]))
            .ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try { await w; return true; }
            catch (InconsistentStateException) { return false; }
        }));

        outcomes.Should().Equal(Enumerable.Range(0, 20).Select(i => i % 2 == 0));
        var recorded = await storage.QueryByKeyPrefixAsync(type + "Order", "record", "acct", null, 100);
        recorded.Select(r => r.Key.GrainKey).Should().Equal(
            Enumerable.Range(0, 20).Where(i => i % 2 == 0).SelectMany(i => new[] { $"acct{i:D2}.a", $"acct{i:D2}.b" }));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_row_named_twice_in_one_write_is_refused(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var (state, first, _) = NewKeys();

        await opened.Storage.Invoking(s => s.WriteAsync(state, Json.Bytes("{}"), null, [Record(first, 1), Record(first, 2)]))
            .Should().ThrowAsync<ArgumentException>();
        await opened.Storage.Invoking(s => s.WriteAsync(state, Json.Bytes("{}"), null, [Record(state, 1)]))
            .Should().ThrowAsync<ArgumentException>();

        (await opened.Storage.ReadAsync(state)).Should().BeNull();
    }
}

using SmartTrader.Runtime.Storage;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class GrainStorageConformanceTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    private static GrainStateKey NewKey(string key = "k1") => new("Test" + Guid.NewGuid().ToString("N")[..8], key, "state");

    [Theory, MemberData(nameof(Kinds))]
    public async Task Round_trip_returns_the_payload_and_increasing_versions(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var storage = opened.Storage;
        var key = NewKey();

        (await storage.ReadAsync(key)).Should().BeNull();
        var first = await storage.WriteAsync(key, Json.Bytes("""{"cash": 100, "name": "alice"}"""), null);
        var second = await storage.WriteAsync(key, Json.Bytes("""{"cash": 250.5, "name": "alice", "tags": ["a"]}"""), first);

        first.Should().Be("1");
        second.Should().Be("2");
        var stored = await storage.ReadAsync(key);
        stored.Should().NotBeNull();
        stored!.Etag.Should().Be("2");
        stored.Key.Should().Be(key);
        Json.SameJson(stored.Payload, """{"name": "alice", "cash": 250.5, "tags": ["a"]}""").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_state_and_its_records_are_stored_as_JSON_text_that_the_database_reads(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var key = NewKey();
        var record = key with { GrainKey = "k1.record", StateName = "record" };
        const string name = "Zoë \"12 €\" 😀";
        const string escaped = """Zoë \"12 €\" 😀""";
        // A payload that is a slice of a larger buffer is stored as the slice alone.
        var padded = Json.Bytes($$"""###{"name":"{{escaped}}"}###""");
        var slice = new ReadOnlyMemory<byte>(padded, 3, padded.Length - 6);

        await opened.Storage.WriteAsync(key, slice, null, [new GrainRecord(record, Json.Bytes($$"""{"name":"{{escaped}}","n":1}"""))]);

        (await databases.StoredNameAsync(kind, key)).Should().Be(name);
        (await databases.StoredNameAsync(kind, record)).Should().Be(name);
        Json.SameJson((await opened.Storage.ReadAsync(key))!.Payload, $$"""{"name":"{{escaped}}"}""").Should().BeTrue();
        Json.SameJson((await opened.Storage.ReadAsync(record))!.Payload, $$"""{"n":1,"name":"{{escaped}}"}""").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Insert_if_absent_conflicts_when_the_row_exists(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var key = NewKey();
        await opened.Storage.WriteAsync(key, Json.Bytes("{}"), null);

        var act = () => opened.Storage.WriteAsync(key, Json.Bytes("""{"x":1}"""), null);

        var conflict = (await act.Should().ThrowAsync<InconsistentStateException>()).Which;
        conflict.StoredEtag.Should().Be("1");
        conflict.ExpectedEtag.Should().BeNull();
        conflict.Key.Should().Be(key);
        Json.SameJson((await opened.Storage.ReadAsync(key))!.Payload, "{}").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Update_of_a_missing_row_or_with_an_unknown_etag_conflicts(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var key = NewKey();

        var missing = (await opened.Storage.Invoking(s => s.WriteAsync(key, Json.Bytes("{}"), "3"))
            .Should().ThrowAsync<InconsistentStateException>()).Which;
        await opened.Storage.Invoking(s => s.WriteAsync(key, Json.Bytes("{}"), "not-a-version"))
            .Should().ThrowAsync<InconsistentStateException>();

        missing.StoredEtag.Should().BeNull();
        (await opened.Storage.ReadAsync(key)).Should().BeNull();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Two_writers_with_the_same_etag_exactly_one_wins(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var key = NewKey();
        var etag = await opened.Storage.WriteAsync(key, Json.Bytes("""{"v":0}"""), null);

        var writes = new[] { "A", "B" }
            .Select(async writer =>
            {
                try { return (writer, etag: (string?)await opened.Storage.WriteAsync(key, Json.Bytes($$"""{"v":"{{writer}}"}"""), etag)); }
                catch (InconsistentStateException) { return (writer, etag: (string?)null); }
            })
            .ToList();
        var outcomes = await Task.WhenAll(writes);

        outcomes.Where(o => o.etag is not null).Should().ContainSingle().Which.etag.Should().Be("2");
        var winner = outcomes.Single(o => o.etag is not null).writer;
        Json.SameJson((await opened.Storage.ReadAsync(key))!.Payload, $$"""{"v":"{{winner}}"}""").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Clear_with_a_stale_etag_fails_and_with_the_current_one_deletes(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var storage = opened.Storage;
        var key = NewKey();
        var first = await storage.WriteAsync(key, Json.Bytes("{}"), null);
        var second = await storage.WriteAsync(key, Json.Bytes("{}"), first);

        var stale = (await storage.Invoking(s => s.ClearAsync(key, first)).Should().ThrowAsync<InconsistentStateException>()).Which;
        stale.StoredEtag.Should().Be(second);
        (await storage.ReadAsync(key)).Should().NotBeNull();

        await storage.Invoking(s => s.ClearAsync(key, null)).Should().ThrowAsync<InconsistentStateException>();
        await storage.ClearAsync(key, second);
        (await storage.ReadAsync(key)).Should().BeNull();
        await storage.ClearAsync(key, null);
        (await storage.WriteAsync(key, Json.Bytes("{}"), null)).Should().Be("1");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Prefix_query_returns_matching_keys_in_order_page_by_page(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        var storage = opened.Storage;
        var type = NewKey().GrainType;
        foreach (var key in new[] { "acct-3", "acct-10", "acct-ü", "acctx", "acct-1", "b", "acct", "acct-2" })
            await storage.WriteAsync(new GrainStateKey(type, key, "state"), Json.Bytes($$"""{"key":"{{key}}"}"""), null);
        await storage.WriteAsync(new GrainStateKey(type, "acct-0", "other"), Json.Bytes("{}"), null);
        await storage.WriteAsync(new GrainStateKey(type + "x", "acct-0", "state"), Json.Bytes("{}"), null);

        var pages = new List<IReadOnlyList<StoredState>>();
        string? after = null;
        do
        {
            pages.Add(await storage.QueryByKeyPrefixAsync(type, "state", "acct-", after, 2));
            after = pages[^1].Count > 0 ? pages[^1][^1].Key.GrainKey : null;
        } while (after is not null);

        pages.Select(p => p.Select(s => s.Key.GrainKey)).Should().BeEquivalentTo(
            new[] { new[] { "acct-1", "acct-10" }, ["acct-2", "acct-3"], ["acct-ü"], [] }, o => o.WithStrictOrdering());
        var row = pages[0][0];
        row.Etag.Should().Be("1");
        row.Key.Should().Be(new GrainStateKey(type, "acct-1", "state"));
        Json.SameJson(row.Payload, """{"key":"acct-1"}""").Should().BeTrue();
        (await storage.QueryByKeyPrefixAsync(type, "state", "", null, 100)).Select(s => s.Key.GrainKey).Should().Equal(
            "acct", "acct-1", "acct-10", "acct-2", "acct-3", "acct-ü", "acctx", "b");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Concurrent_writes_to_many_keys_all_commit_in_fewer_batches_than_writes(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        await opened.InitializeAsync();
        var type = NewKey().GrainType;
        var before = opened.Statistics;

        var etags = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            opened.Storage.WriteAsync(new GrainStateKey(type, $"order-{i:D3}", "state"), Json.Bytes($$"""{"i":{{i}}}"""), null))));

        etags.Should().AllBe("1");
        var after = opened.Statistics;
        (after.Rows - before.Rows).Should().Be(200);
        (after.Batches - before.Batches).Should().BeLessThan(200);
        after.LargestBatch.Should().BeGreaterThan(1);
        (await opened.Storage.QueryByKeyPrefixAsync(type, "state", "order-", null, 1000)).Should().HaveCount(200);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Back_to_back_writes_to_one_key_apply_in_order(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        await opened.InitializeAsync();
        var key = NewKey();

        var first = opened.Storage.WriteAsync(key, Json.Bytes("""{"n":1}"""), null);
        var second = opened.Storage.WriteAsync(key, Json.Bytes("""{"n":2}"""), "1");
        var stale = opened.Storage.WriteAsync(key, Json.Bytes("""{"n":3}"""), "1");

        (await first).Should().Be("1");
        (await second).Should().Be("2");
        (await stale.Invoking(t => t).Should().ThrowAsync<InconsistentStateException>()).Which.StoredEtag.Should().Be("2");
        Json.SameJson((await opened.Storage.ReadAsync(key))!.Payload, """{"n":2}""").Should().BeTrue();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_payload_the_store_rejects_fails_only_its_own_write(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        await opened.InitializeAsync();
        var type = NewKey().GrainType;

        var writes = Enumerable.Range(0, 20)
            .Select(i => opened.Storage.WriteAsync(new GrainStateKey(type, $"k{i:D2}", "state"), Json.Bytes(i == 7 ? "{not json" : "{}"), null))
            .ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w => { try { await w; return null; } catch (Exception e) { return e; } }));

        outcomes.Where((e, i) => i != 7).Should().AllSatisfy(e => e.Should().BeNull());
        outcomes[7].Should().BeOfType<GrainStorageException>();
        (await opened.Storage.QueryByKeyPrefixAsync(type, "state", "k", null, 100)).Should().HaveCount(19);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Data_survives_closing_and_reopening_and_dispose_flushes_queued_writes(StorageKind kind)
    {
        var type = NewKey().GrainType;
        List<Task<string>> pending;
        await using (var opened = databases.Open(kind))
        {
            await opened.InitializeAsync();
            pending = Enumerable.Range(0, 50)
                .Select(i => opened.Storage.WriteAsync(new GrainStateKey(type, $"k{i:D2}", "state"), Json.Bytes($$"""{"i":{{i}}}"""), null))
                .ToList();
        }
        (await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10))).Should().AllBe("1");

        await using var reopened = databases.Open(kind);
        var rows = await reopened.Storage.QueryByKeyPrefixAsync(type, "state", "k", null, 100);
        rows.Should().HaveCount(50);
        Json.SameJson(rows[49].Payload, """{"i":49}""").Should().BeTrue();
        (await reopened.Storage.WriteAsync(rows[0].Key, Json.Bytes("{}"), rows[0].Etag)).Should().Be("2");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Writes_after_dispose_are_refused(StorageKind kind)
    {
        var opened = databases.Open(kind);
        await opened.InitializeAsync();
        await opened.DisposeAsync();

        await opened.Storage.Invoking(s => s.WriteAsync(NewKey(), Json.Bytes("{}"), null)).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Is_healthy_when_the_store_answers(StorageKind kind)
    {
        await using var opened = databases.Open(kind);
        (await opened.Storage.IsHealthyAsync()).Should().BeTrue();
    }
}

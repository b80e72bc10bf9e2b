namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class MemoryGrainStorageTests
{
    private static readonly GrainStateKey Key = new("account", "acc-1", "state");

    [Fact]
    public async Task Writes_must_name_the_stored_etag()
    {
        var storage = new MemoryGrainStorage();
        var first = await storage.WriteAsync(Key, "1"u8.ToArray(), expectedEtag: null);

        await storage.Invoking(s => s.WriteAsync(Key, "2"u8.ToArray(), expectedEtag: null))
            .Should().ThrowExactlyAsync<InconsistentStateException>();
        var second = await storage.WriteAsync(Key, "2"u8.ToArray(), first);

        second.Should().NotBe(first);
        (await storage.ReadAsync(Key))!.Payload.Should().Equal("2"u8.ToArray());
        await storage.Invoking(s => s.ClearAsync(Key, first)).Should().ThrowExactlyAsync<InconsistentStateException>();
        await storage.ClearAsync(Key, second);
        (await storage.ReadAsync(Key)).Should().BeNull();
    }

    [Fact]
    public async Task Prefix_queries_page_in_key_order()
    {
        var storage = new MemoryGrainStorage();
        foreach (var key in new[] { "b-2", "a-1", "b-1", "b-3" })
            await storage.WriteAsync(Key with { GrainKey = key }, "{}"u8.ToArray(), null);

        var page = await storage.QueryByKeyPrefixAsync("account", "state", "b-", afterKey: "b-1", limit: 10);

        page.Select(r => r.Key.GrainKey).Should().Equal("b-2", "b-3");
    }

    [Fact]
    public async Task Records_are_stored_with_a_write_and_not_with_one_that_conflicts()
    {
        var storage = new MemoryGrainStorage();
        var record = Key with { GrainType = "order", GrainKey = "acc-1.x" };
        var first = await storage.WriteAsync(Key, "{}"u8.ToArray(), null, [new GrainRecord(record, "1"u8.ToArray())]);

        await storage.Invoking(s => s.WriteAsync(Key, "{}"u8.ToArray(), null, [new GrainRecord(record, "2"u8.ToArray())]))
            .Should().ThrowExactlyAsync<InconsistentStateException>();
        (await storage.ReadAsync(record))!.Payload.Should().Equal("1"u8.ToArray());

        await storage.WriteAsync(Key, "{}"u8.ToArray(), first, [new GrainRecord(record, "3"u8.ToArray())]);
        (await storage.ReadAsync(record))!.Payload.Should().Equal("3"u8.ToArray());
    }
}

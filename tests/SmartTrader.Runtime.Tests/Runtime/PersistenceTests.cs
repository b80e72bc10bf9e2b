using System.Text;
using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class PersistenceTests
{
    [Fact]
    public async Task The_second_of_two_writers_gets_an_inconsistent_state_error_and_its_activation_is_replaced()
    {
        var storage = new MemoryGrainStorage();
        await using var siloA = await TestSilo.StartAsync(storage: storage);
        await using var siloB = await TestSilo.StartAsync(storage: storage);
        var onA = siloA.Get<ICounterGrain>("shared");
        var onB = siloB.Get<ICounterGrain>("shared");
        (await onA.Get()).Should().Be(0);
        (await onB.Get()).Should().Be(0);

        (await onA.Increment()).Should().Be(1);
        await onB.Invoking(g => g.Increment()).Should().ThrowExactlyAsync<InconsistentStateException>();
        await siloB.Log.WaitForAsync("deactivate shared InconsistentState");

        (await onB.Get()).Should().Be(1, "the fresh activation reads the committed state");
        (await onB.Increment()).Should().Be(2);
        siloB.Log.Entries.Should().Equal("activate shared at 0", "deactivate shared InconsistentState", "activate shared at 1");
    }

    [Fact]
    public async Task State_is_stored_as_web_json_under_grain_type_key_and_state_name()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TestSilo.StartAsync(storage: storage);

        await silo.Get<ICounterGrain>("k").Increment();

        var stored = await storage.ReadAsync(new GrainStateKey("counter", "k", "counter"));
        stored.Should().NotBeNull();
        Encoding.UTF8.GetString(stored!.Payload).Should().Be("""{"value":1}""");
    }

    [Fact]
    public async Task A_failed_write_deactivates_the_grain_so_memory_never_runs_ahead_of_storage()
    {
        var storage = new FailingWrites(new MemoryGrainStorage());
        await using var silo = await TestSilo.StartAsync(storage: storage);
        var counter = silo.Get<ICounterGrain>("flaky");
        (await counter.Increment()).Should().Be(1);

        storage.FailNext = true;
        await counter.Invoking(g => g.Increment()).Should().ThrowAsync<IOException>();
        await silo.Log.WaitForAsync("deactivate flaky WriteFailed");

        (await counter.Get()).Should().Be(1, "the unsaved increment died with the activation");
        (await counter.Increment()).Should().Be(2);
    }

    private sealed class FailingWrites(IGrainStorage inner) : IGrainStorage
    {
        public bool FailNext { get; set; }

        public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(
            GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
        {
            if (!FailNext) return inner.WriteAsync(key, payload, expectedEtag, records, cancellationToken);
            FailNext = false;
            throw new IOException("disk unavailable");
        }

        public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default) => inner.ClearAsync(key, expectedEtag, cancellationToken);

        public Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
            string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
            inner.QueryByKeyPrefixAsync(grainType, stateName, keyPrefix, afterKey, limit, cancellationToken);

        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => inner.IsHealthyAsync(cancellationToken);
    }
}

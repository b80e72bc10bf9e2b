using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;
using SmartTrader.Runtime.Tests.Storage;
using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Runtime;

/// <summary>
/// The runtime's persistence guarantees on the real providers, each silo with its own provider instance over the
/// same database, as two processes would have.
/// </summary>
public sealed class RealStorageRuntimeTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task Two_activations_never_both_commit(StorageKind kind)
    {
        await using var storageA = databases.Open(kind);
        await using var storageB = databases.Open(kind);
        await storageA.InitializeAsync();
        await using var siloA = await TestSilo.StartAsync(storage: storageA.Storage);
        await using var siloB = await TestSilo.StartAsync(storage: storageB.Storage);
        var key = $"race-{kind}";
        var onA = siloA.Get<ICounterGrain>(key);
        var onB = siloB.Get<ICounterGrain>(key);
        await onA.Get();
        await onB.Get();

        (await onA.Increment()).Should().Be(1);
        await onB.Invoking(g => g.Increment()).Should().ThrowExactlyAsync<InconsistentStateException>();
        await siloB.Log.WaitForAsync($"deactivate {key} InconsistentState");

        (await onB.Get()).Should().Be(1, "the replacement activation reads what A committed");
        (await onB.Increment()).Should().Be(2);
        await onA.Invoking(g => g.Increment()).Should().ThrowExactlyAsync<InconsistentStateException>("A now holds a stale version");
    }

    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task State_survives_deactivation_and_a_new_silo(StorageKind kind)
    {
        var key = $"durable-{kind}";
        await using (var storage = databases.Open(kind))
        await using (var silo = await TestSilo.StartAsync(storage: storage.Storage))
        {
            var counter = silo.Get<ICounterGrain>(key);
            await counter.Increment();
            await counter.Increment();
            await counter.Deactivate();
            await silo.Log.WaitForAsync($"deactivate {key} ApplicationRequested");
            (await counter.Increment()).Should().Be(3, "the reactivation read the committed value");
        }

        await using var reopened = databases.Open(kind);
        await using var next = await TestSilo.StartAsync(storage: reopened.Storage);
        (await next.Get<ICounterGrain>(key).Get()).Should().Be(3);
        next.Log.Entries.Should().Contain($"activate {key} at 3");
    }

    [Theory]
    [MemberData(nameof(StorageKinds.Both), MemberType = typeof(StorageKinds))]
    public async Task A_reminder_fires_in_a_new_silo_after_a_restart(StorageKind kind)
    {
        var time = new ManualTimeProvider();
        var key = $"reminded-{kind}";
        await using (var storage = databases.Open(kind))
        await using (var silo = await TestSilo.StartAsync(time: time, storage: storage.Storage, reminders: databases.OpenReminders(kind)))
        {
            await silo.Get<IReminderGrain>(key).Register("wake", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        }

        await using var reopened = databases.Open(kind);
        await using var next = await TestSilo.StartAsync(time: time, storage: reopened.Storage, reminders: databases.OpenReminders(kind));
        next.Log.Count($"reminder wake of {key}").Should().Be(0);

        time.Advance(TimeSpan.FromMinutes(6));
        await next.Log.WaitForAsync($"reminder wake of {key}");
        next.Log.Count($"reminder wake of {key}").Should().Be(1);
    }
}

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
}

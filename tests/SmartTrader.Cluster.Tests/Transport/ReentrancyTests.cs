using SmartTrader.Cluster.Tests.Harness;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Call chains that leave a silo and come back to the grain that started them (a → b → a).</summary>
public sealed class ReentrancyTests : IAsyncLifetime
{
    private readonly ClusterMap _map = new();
    private TestSilo _a = null!;
    private TestSilo _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestSilo.StartAsync(_map, "a", callTimeout: TimeSpan.FromSeconds(5));
        _b = await TestSilo.StartAsync(_map, "b", callTimeout: TimeSpan.FromSeconds(5));
        await _a.ConnectToAsync(_b);
        await _b.ConnectToAsync(_a);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_reentrant_grain_is_called_back_across_silos_without_deadlock()
    {
        var answer = await _a.Grains.GetGrain<IReentrantBouncer>("a:reentrant").Start("b:back").Within(TimeSpan.FromSeconds(20));
        answer.Should().Be("reentrant:back");
    }

    [Fact]
    public async Task An_always_interleave_method_is_called_back_across_silos_without_deadlock()
    {
        var answer = await _a.Grains.GetGrain<IInterleavingBouncer>("a:interleaving").Start("b:back").Within(TimeSpan.FromSeconds(20));
        answer.Should().Be("interleaved:back");
    }

    [Fact]
    public async Task A_turn_based_grain_called_back_waits_for_its_own_turn_until_the_call_times_out()
    {
        var bouncer = _a.Grains.GetGrain<INonReentrantBouncer>("a:turn-based");

        await FluentActions.Awaiting(() => bouncer.Start("b:back").Within(TimeSpan.FromSeconds(20))).Should().ThrowAsync<TimeoutException>();
        (await bouncer.Echo("afterwards").Within(TimeSpan.FromSeconds(20))).Should().Be("turn-based:afterwards", "the grain recovers once the chain gave up");
    }
}

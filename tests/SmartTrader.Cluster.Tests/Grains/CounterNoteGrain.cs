using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

/// <summary>Key: "{counter}.{note}". Placed with its counter, as an order is with its portfolio.</summary>
public interface ICounterNoteGrain : IGrainWithStringKey
{
    /// <summary>The silo hosting this activation.</summary>
    Task<string> Silo();
}

[PlaceWith("counter", '.')]
public sealed class CounterNoteGrain(ILocalSilo silo) : Grain, ICounterNoteGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Address.Value);
}

using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

/// <summary>A counter that can be asked to move next to a <see cref="ICounterGrain"/>, as a portfolio moves next to its owner's grain.</summary>
public interface INomadGrain : IGrainWithStringKey
{
    /// <summary>Asks to move next to the counter with the given key; false when it is on that silo already.</summary>
    Task<bool> MoveNextTo(string counter);

    /// <summary>Adds one, commits, and returns the committed value.</summary>
    Task<int> Increment();

    /// <summary>The silo hosting this activation.</summary>
    Task<string> Silo();
}

public sealed class NomadGrain(ILocalSilo silo, [PersistentState("nomad")] IPersistentState<CounterState> state) : Grain, INomadGrain
{
    public Task<bool> MoveNextTo(string counter) => Task.FromResult(MigrateNextTo(GrainFactory.GetGrain<ICounterGrain>(counter)));

    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<string> Silo() => Task.FromResult(silo.Address.Value);
}

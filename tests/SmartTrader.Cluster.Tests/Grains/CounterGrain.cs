using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one, commits, and returns the committed value.</summary>
    Task<int> Increment();

    Task<int> Get();

    /// <summary>The silo hosting this activation.</summary>
    Task<string> Silo();

    /// <summary>Distinguishes activations: a new one gets a new id.</summary>
    Task<Guid> ActivationId();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class CounterGrain(ILocalSilo silo, [PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string> Silo() => Task.FromResult(silo.Address.Value);

    public Task<Guid> ActivationId() => Task.FromResult(_activationId);
}

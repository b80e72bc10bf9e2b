namespace SmartTrader.Runtime.Cluster.Bench;

/// <summary>The grain the failover benchmark calls: one committed write per call, so serving again means reading state back.</summary>
public interface IFailoverBenchGrain : IGrainWithStringKey
{
    Task<int> Touch();
}

public sealed class FailoverBenchState
{
    public int Touches { get; set; }
}

public sealed class FailoverBenchGrain([PersistentState("failover-bench")] IPersistentState<FailoverBenchState> state) : Grain, IFailoverBenchGrain
{
    public async Task<int> Touch()
    {
        state.State.Touches++;
        await state.WriteStateAsync();
        return state.State.Touches;
    }
}

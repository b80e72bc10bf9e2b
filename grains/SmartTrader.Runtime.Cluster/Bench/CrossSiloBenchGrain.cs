namespace SmartTrader.Runtime.Cluster.Bench;

/// <summary>The grain the cross-silo benchmark calls: no state, no work, so the figure is the transport's.</summary>
public interface ICrossSiloBenchGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);
}

public sealed class CrossSiloBenchGrain : Grain, ICrossSiloBenchGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}

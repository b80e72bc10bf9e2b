using SmartTrader.Runtime;

namespace SmartTrader.Server.Bench;

/// <summary>The smallest useful grain: what a local call costs when the grain itself does nothing.</summary>
public interface IBenchAdderGrain : IGrainWithStringKey
{
    Task<int> Add(int value);
}

public sealed class BenchAdderGrain : Grain, IBenchAdderGrain
{
    private int _total;

    public Task<int> Add(int value) => Task.FromResult(_total += value);
}

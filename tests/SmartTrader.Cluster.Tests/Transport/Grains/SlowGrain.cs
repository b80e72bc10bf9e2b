using System.Collections.Concurrent;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Signals between a test and a grain on another silo in the same process, by a name the test picks.</summary>
public static class Signals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> All = new();

    public static TaskCompletionSource Named(string name) =>
        All.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="delay"/>, unaware of cancellation.</summary>
    Task<int> Sleep(TimeSpan delay);

    /// <summary>Signals "{signal}:started", waits until its token is cancelled, signals "{signal}:cancelled".</summary>
    Task WaitForCancellation(string signal, CancellationToken cancellationToken);
}

[Reentrant]
public sealed class SlowGrain : Grain, ISlowGrain
{
    public async Task<int> Sleep(TimeSpan delay)
    {
        await Task.Delay(delay);
        return 1;
    }

    public async Task WaitForCancellation(string signal, CancellationToken cancellationToken)
    {
        Signals.Named(signal + ":started").TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Signals.Named(signal + ":cancelled").TrySetResult();
        }
    }
}

using System.Diagnostics;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>Liveness helpers: wait for a condition, retry a call, or await a task, within a generous bound.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within) throw new TimeoutException($"Not within {within}: {what}.");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    /// <summary>Calls until the call succeeds; the last failure is reported if it never does within the bound.</summary>
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> call, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (clock.Elapsed < within)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Waits for a task the test expects to complete; fails instead of hanging the run.</summary>
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan limit) => await task.WaitAsync(limit);

    public static async Task Within(this Task task, TimeSpan limit) => await task.WaitAsync(limit);
}

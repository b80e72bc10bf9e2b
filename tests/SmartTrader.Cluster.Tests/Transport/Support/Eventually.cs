namespace SmartTrader.Cluster.Tests.Transport;

internal static class Eventually
{
    /// <summary>Retries <paramref name="attempt"/> until it succeeds, failing with its last exception after <paramref name="within"/>.</summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> attempt, TimeSpan within)
    {
        var giveUp = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Waits for a task the test expects to complete; fails instead of hanging the run.</summary>
    public static async Task<T> Within<T>(this Task<T> task, TimeSpan limit) => await task.WaitAsync(limit);

    public static async Task Within(this Task task, TimeSpan limit) => await task.WaitAsync(limit);
}

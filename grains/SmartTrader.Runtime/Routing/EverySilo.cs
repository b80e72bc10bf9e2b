namespace SmartTrader.Runtime;

/// <summary>Calls a grain that is on every silo (<see cref="OnEverySiloAttribute"/>) on each live silo at once.</summary>
public static class EverySilo
{
    /// <summary>
    /// Returns once every silo of <paramref name="silos"/> has answered, or <paramref name="wait"/> has passed: true
    /// when all answered in time. A silo whose call fails is reported to <paramref name="failed"/> and does not stop
    /// the others.
    /// </summary>
    public static async Task<bool> CallEachAsync<TGrain>(
        this ISiloRoster silos, IGrainFactory grains, Func<TGrain, Task> call, TimeSpan wait, TimeProvider time,
        Action<SiloAddress, Exception> failed)
        where TGrain : IGrainWithStringKey
    {
        try
        {
            await Task.WhenAll(silos.Live.Select(CallOneAsync)).WaitAsync(wait, time);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }

        async Task CallOneAsync(SiloAddress silo)
        {
            try
            {
                await call(grains.GetGrain<TGrain>(silo.Value));
            }
            catch (Exception e)
            {
                failed(silo, e);
            }
        }
    }
}

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Generations of silo lives: milliseconds since the Unix epoch when the silo was created, strictly increasing within
/// a process. A silo restarting on the same endpoint therefore gets a larger generation than its previous life, unless
/// the host's clock went back, which joining detects and refuses.
/// </summary>
internal static class SiloGeneration
{
    private static long _last;

    public static long Next(TimeProvider time)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last) return next;
        }
    }
}

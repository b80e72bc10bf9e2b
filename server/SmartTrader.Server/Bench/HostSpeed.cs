using System.Diagnostics;
using System.Text.Json;

namespace SmartTrader.Server.Bench;

/// <param name="WindowRates">Round trips per second in each window, in time order.</param>
/// <param name="Host">The whole machine's CPU time over the windows.</param>
public sealed record HostSpeedResult(IReadOnlyList<double> WindowRates, HostCpu? Host)
{
    public double Slowest => WindowRates.Min();
    public double Median => WindowRates.Order().ElementAt(WindowRates.Count / 2);
    public double Fastest => WindowRates.Max();
}

/// <summary>
/// `bench host`: one thread repeats a fixed piece of CPU-bound managed work (a JSON round trip of an order-sized
/// document) and reports its rate window by window. On a dedicated machine the rate is flat once the JIT has finished;
/// on a shared virtual machine it moves with the other tenants. Run it next to the order benches to tell a slower host
/// from a slower build.
/// </summary>
public static class HostSpeed
{
    /// <summary>A fresh process needs up to about 3.5 s here before the JIT has compiled the probe's serializer for good.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(4);

    private sealed record Probe(string OrderId, string Symbol, string Side, decimal Quantity, decimal Price, DateTimeOffset Time, string[] Tags);

    private static readonly Probe Sample = new("acct-0042.00ffee11223344556677", "MSFT", "Buy", 12.5m, 412.37m,
        new DateTimeOffset(2026, 11, 22, 14, 30, 0, TimeSpan.Zero), ["day", "market", "bench"]);

    public static HostSpeedResult Run(TimeSpan warmup, TimeSpan duration, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, window);
        RoundTrips(warmup);
        var before = HostCpu.Read();
        var rates = new List<double>();
        for (var elapsed = TimeSpan.Zero; elapsed + window <= duration; elapsed += window) rates.Add(RoundTrips(window));
        return new HostSpeedResult(rates, HostCpu.Since(before));
    }

    private static double RoundTrips(TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(Sample);
                if (JsonSerializer.Deserialize<Probe>(json)!.Quantity != Sample.Quantity) throw new InvalidOperationException("The probe did not round-trip.");
            }
            done += 64;
        }
        return done / watch.Elapsed.TotalSeconds;
    }
}

using System.Globalization;

namespace SmartTrader.Server.Bench;

/// <summary>
/// The whole machine's CPU time from /proc/stat, in clock ticks. On a virtual machine, <see cref="Steal"/> is the time
/// the hypervisor ran another guest while this one had work: the figure that tells a slow run on a contended host from
/// a slow build. Null where /proc/stat does not exist.
/// </summary>
public sealed record HostCpu(long Busy, long Idle, long Steal)
{
    private const string StatPath = "/proc/stat";

    public static HostCpu? Read()
    {
        if (!File.Exists(StatPath)) return null;
        var line = File.ReadLines(StatPath).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        return line is null ? null : Parse(line);
    }

    /// <summary>"cpu user nice system idle iowait irq softirq steal guest guest_nice" (guest time is already in user).</summary>
    public static HostCpu Parse(string line)
    {
        var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).Concat(Enumerable.Repeat(0L, 8)).ToArray();
        var (user, nice, system, idle, iowait, irq, softirq, steal) = (ticks[0], ticks[1], ticks[2], ticks[3], ticks[4], ticks[5], ticks[6], ticks[7]);
        return new HostCpu(user + nice + system + irq + softirq, idle + iowait, steal);
    }

    /// <summary>The machine's CPU time from <paramref name="before"/> (a <see cref="Read"/>) to now; null where either read is.</summary>
    public static HostCpu? Since(HostCpu? before) => before is not null && Read() is { } now ? Between(before, now) : null;

    public static HostCpu Between(HostCpu before, HostCpu after) =>
        new(after.Busy - before.Busy, after.Idle - before.Idle, after.Steal - before.Steal);

    private long Total => Busy + Idle + Steal;

    /// <summary>Share of the machine's time taken by the hypervisor for other guests.</summary>
    public double StealPercent => Total == 0 ? 0 : 100.0 * Steal / Total;

    /// <summary>Share of the machine's time this guest ran (every process, not only the server's).</summary>
    public double BusyPercent => Total == 0 ? 0 : 100.0 * Busy / Total;
}

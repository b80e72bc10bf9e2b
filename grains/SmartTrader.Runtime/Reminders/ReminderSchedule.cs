namespace SmartTrader.Runtime;

/// <summary>When a reminder fires: at its start time, then every period after it.</summary>
internal static class ReminderSchedule
{
    /// <summary>The first tick strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextTickAfter(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.StartAt > now) return entry.StartAt;
        var periodsElapsed = (now - entry.StartAt).Ticks / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks((periodsElapsed + 1) * entry.Period.Ticks);
    }

    /// <summary>
    /// Delay before the first firing after loading: the start time if still ahead, otherwise now, so that a tick
    /// missed while no silo ran fires promptly, once.
    /// </summary>
    public static TimeSpan FirstDelay(ReminderEntry entry, DateTimeOffset now) =>
        entry.StartAt > now ? entry.StartAt - now : TimeSpan.Zero;
}

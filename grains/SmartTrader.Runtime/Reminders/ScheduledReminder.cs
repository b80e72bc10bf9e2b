namespace SmartTrader.Runtime;

/// <summary>A reminder this silo has armed a timer for.</summary>
internal sealed class ScheduledReminder(ReminderEntry entry, long version) : IDisposable
{
    public ReminderEntry Entry { get; } = entry;

    /// <summary>Orders local scheduling against table reads, so a stale read cannot undo a newer registration.</summary>
    public long Version { get; } = version;

    public ITimer? Timer { get; set; }
    public bool IsDisposed { get; private set; }

    public void Dispose()
    {
        IsDisposed = true;
        Timer?.Dispose();
    }
}

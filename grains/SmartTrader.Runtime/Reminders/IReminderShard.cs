namespace SmartTrader.Runtime;

/// <summary>
/// Which reminders this silo fires. Not registered in a single silo, which fires them all; a cluster shards them over
/// its live silos.
/// </summary>
public interface IReminderShard
{
    bool Owns(GrainId grainId);

    /// <summary>Raised when ownership may have changed; the reminder service then re-reads the table for its share.</summary>
    event Action? Changed;
}

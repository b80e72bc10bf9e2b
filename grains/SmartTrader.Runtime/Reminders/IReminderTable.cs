namespace SmartTrader.Runtime;

/// <summary>A durable reminder row. <see cref="GrainHash"/> is <see cref="GrainId.StableHash"/>, for sharding by range.</summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period)
{
    public uint GrainHash => GrainId.StableHash();
}

/// <summary>Persists reminders so they fire after deactivation, restarts and (later) failover.</summary>
public interface IReminderTable
{
    /// <summary>Reminders whose grain hash lies in [begin, end] inclusive. The single silo asks for the whole range.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken = default);

    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default);
}

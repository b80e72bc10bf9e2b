namespace SmartTrader.Runtime;

/// <summary>
/// Reminders in process memory. Thread-safe; one instance may be shared by several runtimes to stand in for a
/// table shared by several silos or outliving a restart. A range with begin &gt; end wraps around the hash ring.
/// </summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = [];

    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint begin, uint end, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool InRange(uint hash) => begin <= end ? hash >= begin && hash <= end : hash >= begin || hash <= end;
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => InRange(r.GrainHash)).ToList());
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToList());
    }

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) _rows[(entry.GrainId, entry.Name)] = entry;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock) return Task.FromResult(_rows.Remove((grainId, name)));
    }
}

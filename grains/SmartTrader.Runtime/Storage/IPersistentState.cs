namespace SmartTrader.Runtime;

/// <summary>
/// A grain's durable state. <see cref="Etag"/> is the version last read or written; a write that finds another
/// version in storage throws <see cref="InconsistentStateException"/> and the runtime deactivates the activation.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }
    string? Etag { get; }
    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes only once the state is durably committed.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits the state and, in the same transaction, rows this grain alone writes (see <see cref="GrainRecord"/>);
    /// completes only once both are durable. A write that fails leaves neither.
    /// </summary>
    Task WriteStateAsync(IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

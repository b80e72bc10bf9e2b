namespace SmartTrader.Runtime.Storage.GroupCommit;

internal enum WriteKind { Write, Clear }

/// <summary>A <see cref="GrainRecord"/> as the executors bind it: its JSON as UTF-8, as it was serialized.</summary>
internal sealed record RecordRow(GrainStateKey Key, byte[] Payload);

/// <summary>
/// One queued write or clear. The batch executor records its outcome; the group-commit writer completes the caller's
/// task only after the transaction holding it has committed.
/// </summary>
internal sealed class WriteOperation(
    WriteKind kind, GrainStateKey key, byte[]? payload, long? expectedVersion, CancellationToken cancellationToken, RecordRow[]? records = null)
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriteKind Kind { get; } = kind;
    public GrainStateKey Key { get; } = key;
    /// <summary>The state's JSON as UTF-8, bound as it is: neither provider needs it as a string (a write only).</summary>
    public byte[]? Payload { get; } = payload;

    /// <summary>The version the caller last saw; null means "no row".</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Rows written in the same transaction, upserted, only if this write succeeds (a write only).</summary>
    public RecordRow[] Records { get; } = records ?? [];

    /// <summary>The version a successful write leaves behind.</summary>
    public long NewVersion => (ExpectedVersion ?? 0) + 1;

    /// <summary>Set by the executor: the stored version did not match <see cref="ExpectedVersion"/>.</summary>
    public bool Conflicted { get; private set; }

    /// <summary>Set by the executor with <see cref="Conflicted"/>, when the stored version is known (null: no row).</summary>
    public long? StoredVersion { get; private set; }

    public Task<long> Completion => _completion.Task;

    public void ResetOutcome() => (Conflicted, StoredVersion) = (false, null);

    public void MarkConflict(long? storedVersion) => (Conflicted, StoredVersion) = (true, storedVersion);

    public void Complete()
    {
        if (Conflicted)
            _completion.TrySetException(new InconsistentStateException(Key, Versions.Format(ExpectedVersion), Versions.Format(StoredVersion)));
        else
            _completion.TrySetResult(NewVersion);
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}

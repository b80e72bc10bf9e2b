using System.Text.Json;

namespace SmartTrader.Runtime;

/// <summary>Lets the activator read a state without knowing its type.</summary>
internal interface IPersistentStateStore
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A grain's state over <see cref="IGrainStorage"/>. Writes carry the last seen ETag. When a write or clear fails
/// (another writer got there first, or storage failed) the grain's memory may be ahead of storage, so the activation
/// is marked for deactivation and the exception propagates: the next call starts again from what was committed.
/// </summary>
internal sealed class PersistentState<TState>(GrainStateKey key, IGrainStorage storage, Action<DeactivationReason> onWriteFailed)
    : IPersistentState<TState>, IPersistentStateStore where TState : new()
{
    public TState State { get; set; } = new();
    public string? Etag { get; private set; }
    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            Reset();
            return;
        }
        State = JsonSerializer.Deserialize<TState>(stored.Payload, GrainStateJson.Options) ?? new TState();
        Etag = stored.Etag;
        RecordExists = true;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => WriteStateAsync([], cancellationToken);

    public async Task WriteStateAsync(IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(State, GrainStateJson.Options);
        try
        {
            Etag = await storage.WriteAsync(key, payload, Etag, records, cancellationToken).ConfigureAwait(false);
            RecordExists = true;
        }
        catch (Exception exception)
        {
            onWriteFailed(ReasonFor(exception));
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearAsync(key, Etag, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            onWriteFailed(ReasonFor(exception));
            throw;
        }
        Reset();
    }

    private static DeactivationReason ReasonFor(Exception exception) =>
        exception is InconsistentStateException ? DeactivationReason.InconsistentState : DeactivationReason.WriteFailed;

    private void Reset()
    {
        State = new TState();
        Etag = null;
        RecordExists = false;
    }
}

namespace SmartTrader.Runtime.Storage;

/// <summary>Runs the schema migration before first use, once it has succeeded; a failed attempt is retried next time.</summary>
internal sealed class SchemaInitialization(Func<CancellationToken, Task> migrate)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await migrate(cancellationToken);
        _done = true;
    }

    public async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done) await RunAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}

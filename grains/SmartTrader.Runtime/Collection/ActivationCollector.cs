using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime;

/// <summary>Every <see cref="SiloOptions.CollectionQuantum"/>, deactivates activations idle past their age limit.</summary>
internal sealed class ActivationCollector(GrainCatalog catalog, TimeProvider time, IOptions<SiloOptions> options, ILogger<ActivationCollector> logger)
{
    private ITimer? _timer;
    private int _collecting;

    public void Start()
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(static state => _ = ((ActivationCollector)state!).CollectAsync(), this, quantum, quantum);
    }

    public void Stop() => _timer?.Dispose();

    private async Task CollectAsync()
    {
        // A slow OnDeactivateAsync must not make collections pile up.
        if (Interlocked.Exchange(ref _collecting, 1) == 1) return;
        try
        {
            var count = await catalog.CollectIdleAsync().ConfigureAwait(false);
            if (count > 0) logger.Collected(count);
        }
        finally
        {
            Volatile.Write(ref _collecting, 0);
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime;

/// <summary>
/// Finds the storage of a [PersistentState]: the <see cref="IGrainStorage"/> keyed by its storage name, else the
/// default (unkeyed) one. In a cluster (an <see cref="ISiloFence"/> is registered) writes go through the fence.
/// </summary>
internal sealed class GrainStorageResolver(IServiceProvider services)
{
    private readonly ISiloFence? _fence = services.GetService<ISiloFence>();
    private readonly ConcurrentDictionary<IGrainStorage, IGrainStorage> _fenced = new(ReferenceEqualityComparer.Instance);

    public IGrainStorage Resolve(string? storageName, GrainClassInfo grainClass)
    {
        var storage = Find(storageName, grainClass);
        return _fence is null ? storage : _fenced.GetOrAdd(storage, static (s, fence) => new FencedGrainStorage(s, fence), _fence);
    }

    private IGrainStorage Find(string? storageName, GrainClassInfo grainClass) =>
        (storageName is null ? null : services.GetKeyedService<IGrainStorage>(storageName))
        ?? services.GetService<IGrainStorage>()
        ?? throw new InvalidOperationException(
            $"Grain {grainClass} has persistent state in storage '{storageName ?? "(default)"}', but no IGrainStorage is registered " +
            (storageName is null ? "" : $"under the key '{storageName}' nor ") +
            "as the default. Register one (e.g. the SQLite/PostgreSQL storage, or UseInMemoryStorage() for tests).");
}

using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime;

/// <summary>
/// Finds the storage of a [PersistentState]: the <see cref="IGrainStorage"/> keyed by its storage name, else the
/// default (unkeyed) one.
/// </summary>
internal sealed class GrainStorageResolver(IServiceProvider services)
{
    public IGrainStorage Resolve(string? storageName, GrainClassInfo grainClass) =>
        (storageName is null ? null : services.GetKeyedService<IGrainStorage>(storageName))
        ?? services.GetService<IGrainStorage>()
        ?? throw new InvalidOperationException(
            $"Grain {grainClass} has persistent state in storage '{storageName ?? "(default)"}', but no IGrainStorage is registered " +
            (storageName is null ? "" : $"under the key '{storageName}' nor ") +
            "as the default. Register one (e.g. the SQLite/PostgreSQL storage, or UseInMemoryStorage() for tests).");
}

namespace SmartTrader.Runtime.Storage;

/// <summary>A store whose schema is created or migrated at start-up. Safe to call repeatedly and concurrently.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken = default);
}

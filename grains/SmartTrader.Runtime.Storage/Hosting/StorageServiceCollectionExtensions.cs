using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Storage.Postgres;
using SmartTrader.Runtime.Storage.Sqlite;

namespace SmartTrader.Runtime.Storage.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Grain state (<see cref="IGrainStorage"/>) and reminders (<see cref="IReminderTable"/>) in a SQLite file, whose
    /// schema is migrated when the host starts. The container flushes pending writes when it is disposed.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services, string databasePath, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions { DatabasePath = databasePath };
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SqliteGrainStorage(options, sp.GetService<ILogger<SqliteGrainStorage>>()));
        services.AddSingleton(_ => new SqliteReminderTable(options));
        return services.AddStores<SqliteGrainStorage, SqliteReminderTable>();
    }

    /// <summary>
    /// Grain state (<see cref="IGrainStorage"/>) and reminders (<see cref="IReminderTable"/>) in PostgreSQL, whose
    /// schema is migrated when the host starts. The container flushes pending writes when it is disposed.
    /// </summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, string connectionString, Action<PostgresStorageOptions>? configure = null)
    {
        var options = new PostgresStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new PostgresGrainStorage(options, sp.GetService<ILogger<PostgresGrainStorage>>()));
        services.AddSingleton(_ => new PostgresReminderTable(options));
        return services.AddStores<PostgresGrainStorage, PostgresReminderTable>();
    }

    private static IServiceCollection AddStores<TStorage, TReminders>(this IServiceCollection services)
        where TStorage : class, IGrainStorage, IStorageInitializer
        where TReminders : class, IReminderTable, IStorageInitializer
    {
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<TReminders>());
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<TStorage>());
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<TReminders>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageMigrationService>());
        return services;
    }
}

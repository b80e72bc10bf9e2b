using Npgsql;

namespace SmartTrader.Runtime.Storage.Postgres;

internal static class PostgresDataSources
{
    public const string ProviderName = "postgres";

    /// <summary>A pooled data source; statements are auto-prepared unless the connection string says otherwise.</summary>
    public static NpgsqlDataSource Create(PostgresStorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        return builder.Build();
    }
}

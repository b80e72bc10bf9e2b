using Npgsql;

namespace SmartTrader.Runtime.Storage.Postgres;

internal static class PostgresDataSources
{
    public const string ProviderName = "postgres";

    /// <summary>
    /// A pooled data source. Unless the connection string says otherwise, statements are auto-prepared and commands
    /// are multiplexed: many grains' point reads and the writer's batches share a few connections, pipelined, instead
    /// of one round trip per connection each (it took order placement from about 2,500 to 4,500 orders/s). Nothing
    /// here keeps session state outside an explicit transaction, which multiplexing does not carry between commands.
    /// </summary>
    public static NpgsqlDataSource Create(PostgresStorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0) settings.MaxAutoPrepare = 32;
        if (!Mentions(options.ConnectionString, nameof(settings.Multiplexing))) settings.Multiplexing = true;
        return builder.Build();
    }

    /// <summary>Whether the connection string itself sets the keyword (Npgsql's own builder reports every keyword it knows).</summary>
    private static bool Mentions(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey(keyword);
}

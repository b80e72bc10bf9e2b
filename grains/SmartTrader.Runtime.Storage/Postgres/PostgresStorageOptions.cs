namespace SmartTrader.Runtime.Storage.Postgres;

public sealed class PostgresStorageOptions : GrainStorageOptions
{
    public required string ConnectionString { get; set; }
}

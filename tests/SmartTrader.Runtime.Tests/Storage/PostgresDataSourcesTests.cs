using Npgsql;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class PostgresDataSourcesTests
{
    [Fact]
    public async Task Commands_are_multiplexed_and_auto_prepared_unless_the_connection_string_says_otherwise()
    {
        await using var defaults = PostgresDataSources.Create(new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1" });
        var settings = new NpgsqlConnectionStringBuilder(defaults.ConnectionString);
        settings.Multiplexing.Should().BeTrue();
        settings.MaxAutoPrepare.Should().Be(32);

        await using var chosen = PostgresDataSources.Create(new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1;Multiplexing=false" });
        new NpgsqlConnectionStringBuilder(chosen.ConnectionString).Multiplexing.Should().BeFalse();
    }
}

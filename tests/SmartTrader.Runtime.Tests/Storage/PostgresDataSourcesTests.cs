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

    [Theory]
    [InlineData("Host=127.0.0.1", 2, 2, 0)]
    [InlineData("Host=127.0.0.1;Maximum Pool Size=40", 8, 8, 0)]
    [InlineData("Host=127.0.0.1;Maximum Pool Size=3", 8, 3, 0)]
    [InlineData("Host=127.0.0.1;Minimum Pool Size=10", 8, 8, 8)]
    public void A_pool_beside_the_storage_keeps_its_own_small_maximum_or_the_connection_strings_if_lower(
        string connectionString, int cap, int maxPoolSize, int minPoolSize)
    {
        var settings = PostgresDataSources.Auxiliary(connectionString, cap).ConnectionStringBuilder;

        settings.MaxPoolSize.Should().Be(maxPoolSize);
        settings.MinPoolSize.Should().Be(minPoolSize);
    }

    [Fact]
    public async Task The_storage_pool_takes_the_connection_strings_maximum_and_the_reminders_pool_a_small_one()
    {
        var options = new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1;Maximum Pool Size=40" };
        await using var storage = PostgresDataSources.Create(options);
        await using var reminders = PostgresDataSources.CreateForReminders(options);

        new NpgsqlConnectionStringBuilder(storage.ConnectionString).MaxPoolSize.Should().Be(40);
        var reminderSettings = new NpgsqlConnectionStringBuilder(reminders.ConnectionString);
        reminderSettings.MaxPoolSize.Should().Be(AuxiliaryPoolSizes.Reminders);
        reminderSettings.Multiplexing.Should().BeTrue();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmartTrader.Runtime.Storage;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class PostgresUnavailableTests
{
    [Fact]
    public async Task An_unreachable_database_fails_calls_promptly_with_a_clear_error()
    {
        await using var storage = new PostgresGrainStorage(new PostgresStorageOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Timeout=5",
        });
        var watch = Stopwatch.StartNew();

        var error = (await storage.Invoking(s => s.WriteAsync(new GrainStateKey("T", "k", "s"), Json.Bytes("{}"), null))
            .Should().ThrowAsync<GrainStorageException>()).Which;

        error.Message.Should().Contain("postgres");
        (await storage.IsHealthyAsync()).Should().BeFalse();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

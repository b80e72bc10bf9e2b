using System.Net;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>The embedded database holds password hashes, sessions and orders: only the server's user reads it.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task A_data_directory_the_server_creates_is_its_own_users_alone()
    {
        var dataDirectory = Path.Combine(_scratch.Path, "fresh");
        using var factory = new FreshDataDirectory(dataDirectory);

        (await factory.CreateClient().GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);

        File.Exists(Path.Combine(dataDirectory, "smarttrader.db")).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(dataDirectory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _scratch.Dispose();

    private sealed class FreshDataDirectory(string path) : ServerFactory(new Dictionary<string, string> { ["SmartTrader:DataDir"] = path });
}

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

    [Fact]
    public async Task A_server_alone_keeps_its_session_keys_in_an_owner_only_folder_and_says_so_once_instead_of_warning()
    {
        var dataDirectory = Path.Combine(_scratch.Path, "fresh");
        using var factory = new FreshDataDirectory(dataDirectory, logLevel: "Information");

        using var trader = await factory.ClientForAsync("trader");

        var keys = Path.Combine(dataDirectory, "keys");
        Directory.GetFiles(keys, "key-*.xml").Should().NotBeEmpty("signing in sealed a session with a key");
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(keys).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = ReadLogs(dataDirectory);
        log.Should().Contain("Session keys are kept unencrypted in").And.NotContain("NoXMLEncryptorConfigured");
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>The server's JSON log files, read while it may still be writing them.</summary>
    private static string ReadLogs(string dataDirectory) => string.Concat(
        Directory.GetFiles(Path.Combine(dataDirectory, "logs"), "*.json").Select(path =>
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }));

    private sealed class FreshDataDirectory(string path, string logLevel = "Warning") : ServerFactory(new Dictionary<string, string>
    {
        ["SmartTrader:DataDir"] = path,
        ["Serilog:MinimumLevel"] = logLevel,
    });
}

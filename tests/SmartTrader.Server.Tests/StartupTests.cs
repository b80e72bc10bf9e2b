using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>The real binary refuses unsafe configurations before it listens.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task Postgres_storage_without_a_bootstrap_admin_exits_with_a_clear_message()
    {
        await using var server = ServerProcess.Start(
            ["serve", "--storage", "postgres", "--connection", "Host=127.0.0.1;Database=none", "--data-dir", _scratch.Path, "--urls", "http://127.0.0.1:0"]);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0);
        server.Output.Should().Contain("bootstrap administrator").And.Contain("SmartTrader:Auth:BootstrapAdmin:UserName");
    }

    [Fact]
    public async Task Production_mode_without_a_bootstrap_admin_exits_with_a_clear_message()
    {
        await using var server = ServerProcess.Start(
            ["--data-dir", _scratch.Path],
            new Dictionary<string, string> { ["SmartTrader__Mode"] = "Production" });

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0);
        server.Output.Should().Contain("Mode Production").And.Contain("bootstrap administrator");
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5999")]
    [InlineData("--Kestrel:Endpoints:Public:Url", "http://0.0.0.0:5998")]
    public async Task Embedded_mode_refuses_to_listen_beyond_loopback(string option, string address)
    {
        await using var server = ServerProcess.Start(["serve", option, address, "--data-dir", _scratch.Path]);

        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        exitCode.Should().NotBe(0);
        server.Output.Should().Contain("loopback");
    }

    [Fact]
    public async Task Every_verb_has_help()
    {
        await using var root = ServerProcess.Start(["--help"]);
        (await root.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
        root.Output.Should().Contain("serve");

        await using var serve = ServerProcess.Start(["serve", "--help"]);
        (await serve.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
        serve.Output.Should().Contain("--storage").And.Contain("--data-dir").And.Contain("--seed").And.Contain("--config").And.Contain("--connection");
    }

    public void Dispose() => _scratch.Dispose();
}

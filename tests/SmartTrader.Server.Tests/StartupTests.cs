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

    [Theory]
    [InlineData("--rounds", "0", "--rounds must be at least 1")]
    [InlineData("--silos", "1", "--silos must be at least 2")]
    public async Task The_cluster_order_bench_refuses_settings_it_cannot_measure_with_a_message(string option, string value, string message)
    {
        await using var bench = ServerProcess.Start(["bench", "cluster", "orders", "--connection", "Host=127.0.0.1;Port=1", option, value]);

        (await bench.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().NotBe(0);
        bench.Output.Should().Contain(message).And.NotContain("   at ");
    }

    [Theory]
    [InlineData("--window", "5", "--window must be at least 10 ms")]
    [InlineData("--duration", "0", "--duration must be at least 1 s")]
    [InlineData("--window", "2000", "--duration must hold at least one --window")]
    public async Task The_host_speed_bench_refuses_settings_it_cannot_measure_with_a_message(string option, string value, string message)
    {
        await using var bench = ServerProcess.Start(option == "--duration" ? ["bench", "host", option, value] : ["bench", "host", "--duration", "1", option, value]);

        (await bench.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().NotBe(0);
        bench.Output.Should().Contain(message).And.NotContain("   at ");
    }

    public void Dispose() => _scratch.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>
/// The README's first command: <c>./smarttrader serve</c> runs the published, precompiled server. The test command
/// publishes before the tests run; run on its own after an edit, this test waits for the launcher to publish.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private static readonly string PublishDirectory = Path.Combine(Repository.Root, "server", "SmartTrader.Server", "bin", "Release", "publish");

    /// <summary>The launcher's own help, run once for every case: it publishes when the sources are newer than the last publish.</summary>
    private static readonly Lazy<Task> Published = new(PublishAsync);

    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public async Task The_launcher_serves_the_embedded_default_from_the_precompiled_publish()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        await using var server = ServerProcess.StartLauncher(["serve", "--urls", baseAddress.ToString().TrimEnd('/'), "--data-dir", _scratch.Path]);
        await server.WaitUntilReadyAsync(baseAddress, TimeSpan.FromMinutes(8));

        server.CommandLine.Should().Contain(Path.Combine(PublishDirectory, "smarttrader.dll"));
        using var http = await HttpExtensions.SignedInClientAsync(baseAddress, "trader");
        await http.WaitForQuoteAsync("AAPL");
        using var response = await http.PostAsJsonAsync($"/api/accounts/{Demo.Account}/orders", Orders.Market("launcher-1", "AAPL", quantity: 1));
        var order = await response.ShouldBeAsync<JsonElement>(HttpStatusCode.Created);
        var judgedBy = order.GetProperty("rulesetVersion");
        judgedBy.GetProperty("ruleset").GetString().Should().Be("pre-trade", "the shipped rules were compiled and judged the order");
        judgedBy.GetProperty("version").GetInt32().Should().BePositive();
    }

    [Theory]
    [InlineData("smarttrader.dll")]
    [InlineData("SmartTrader.Rules.dll")]
    [InlineData("Microsoft.CodeAnalysis.dll")]
    [InlineData("Microsoft.CodeAnalysis.CSharp.dll")]
    public async Task The_published_server_and_the_rules_compiler_carry_precompiled_code(string assembly)
    {
        await Published.Value;
        using var reader = new PEReader(File.OpenRead(Path.Combine(PublishDirectory, assembly)));
        reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size.Should().BePositive("a ReadyToRun image has a native header");
    }

    private static async Task PublishAsync()
    {
        await using var help = ServerProcess.StartLauncher(["--help"]);
        (await help.WaitForExitAsync(TimeSpan.FromMinutes(8))).Should().Be(0, help.Output);
    }

    public void Dispose() => _scratch.Dispose();
}

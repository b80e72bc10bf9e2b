using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;
using SmartTrader.TestSupport;
using SmartTrader.Trading;

namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// The whole server in memory: embedded mode on SQLite in a scratch directory (or PostgreSQL when given settings),
/// with the market feed off so prices move only when a test publishes a quote.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly ScratchDirectory _scratch = new();
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ServerFactory() : this(new Dictionary<string, string>()) { }

    protected ServerFactory(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public string DataDirectory => _scratch.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("SmartTrader:DataDir", _scratch.Path);
        builder.UseSetting("Trading:FeedEnabled", "false");
        builder.UseSetting("SmartTrader:Auth:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Serilog:MinimumLevel", "Warning");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _scratch.Dispose();
    }
}

public static class ServerFactoryExtensions
{
    /// <summary>Publishes a quote as the market feed would, so market orders fill at a known price.</summary>
    public static Task PublishQuoteAsync(this ServerFactory factory, string symbol, decimal last, decimal spread = 0.02m)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return grains.GetGrain<ISymbolGrain>(symbol).PublishQuote(new Quote(symbol, last - spread / 2, last + spread / 2, last, now));
    }

    /// <summary>Opens an account owned by (and granted to) <paramref name="owner"/>; returns its id.</summary>
    public static async Task<string> CreateAccountAsync(this ServerFactory factory, decimal initialCash, string owner = "trader", string type = "Cash")
    {
        using var admin = await factory.ClientForAsync("admin");
        var id = "acct-" + Guid.NewGuid().ToString("N")[..10];
        using var response = await admin.PostAsJsonAsync("/api/accounts", new { id, name = "Test " + id, type, initialCash, owner });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }
}

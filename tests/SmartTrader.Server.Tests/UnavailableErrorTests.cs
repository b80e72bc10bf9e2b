using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage;
using SmartTrader.Server.Tests.Support;
using SmartTrader.Trading;

namespace SmartTrader.Server.Tests;

/// <summary>
/// Failures that pass (the database out of reach, a silo not serving or gone) answer a retryable 503 problem that
/// says to retry, with Retry-After, and nothing of the exception.
/// </summary>
public sealed class UnavailableErrorTests(UnavailableErrorTests.UnavailableCatalogFactory factory) : IClassFixture<UnavailableErrorTests.UnavailableCatalogFactory>
{
    private const string Secret = "Host=db;Password=hunter2";

    public static TheoryData<string, string> Failures => new()
    {
        { "storage", "Storage unavailable" },
        { "npgsql", "Storage unavailable" },
        { "not-serving", "Cluster unavailable" },
        { "silo-gone", "Cluster unavailable" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failure_that_passes_is_a_retryable_503_problem(string failure, string title)
    {
        using var trader = await factory.ClientForAsync("trader");
        UnavailableCatalog.Failure = failure;

        using var response = await trader.GetAsync("/api/symbols");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "retry");
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
        response.Headers.RetryAfter!.ToString().Should().Be("1");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("hunter2").And.NotContain("127.0.0.1");
    }

    public sealed class UnavailableCatalogFactory : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISymbolCatalog, UnavailableCatalog>());
        }
    }

    private sealed class UnavailableCatalog : ISymbolCatalog
    {
        public static volatile string Failure = "";

        public IReadOnlyList<SymbolInfo> All => throw Failure switch
        {
            "storage" => new GrainStorageException($"Grain storage (PostgreSQL) could not read 'user/trader': {Secret}", new NpgsqlException(Secret)),
            "npgsql" => new NpgsqlException($"Failed to connect: {Secret}"),
            "not-serving" => new SiloNotServingException("Silo 127.0.0.1:11111@1 is not serving: it has not reached the membership table."),
            "silo-gone" => new SiloUnavailableException(new SiloAddress("127.0.0.1:11112@2"), "Could not connect to silo 127.0.0.1:11112@2."),
            _ => new InvalidOperationException(Failure),
        };

        public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info) => throw new NotSupportedException();
    }
}

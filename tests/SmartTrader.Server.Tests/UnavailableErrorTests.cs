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
/// Failures that pass (the database out of reach, a silo not serving, unreachable or declared dead) answer a
/// retryable 503 problem that says to retry and where, with Retry-After, and nothing of the exception; never a 500.
/// </summary>
public sealed class UnavailableErrorTests(UnavailableErrorTests.ThrowingCatalogFactory factory) : IClassFixture<UnavailableErrorTests.ThrowingCatalogFactory>
{
    private const string Secret = "Host=db;Password=hunter2";
    private static readonly SiloAddress Peer = new("10.0.0.9:11111@1795273291290");

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
        factory.Catalog.Failure = failure switch
        {
            "storage" => new GrainStorageException($"Grain storage (PostgreSQL) could not read 'user/trader': {Secret}", new NpgsqlException(Secret)),
            "npgsql" => new NpgsqlException($"Failed to connect: {Secret}"),
            "not-serving" => new SiloNotServingException("Silo 127.0.0.1:11111@1 is not serving: it has not reached the membership table."),
            "silo-gone" => new SiloUnavailableException(new SiloAddress("127.0.0.1:11112@2"), "Could not connect to silo 127.0.0.1:11112@2."),
            _ => new InvalidOperationException(failure),
        };

        using var response = await trader.GetAsync("/api/symbols");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "retry");
        problem.GetProperty("title").GetString().Should().Be(title);
        problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
        response.Headers.RetryAfter!.ToString().Should().Be("1");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("hunter2").And.NotContain("127.0.0.1");
    }

    [Fact]
    public async Task A_call_to_a_silo_that_stopped_answering_is_a_retryable_503()
    {
        await using var clustered = new ThrowingCatalogFactory { LocalServing = true };
        clustered.Catalog.Failure = new SiloUnavailableException(Peer, $"Silo {Peer} was declared dead; the call was abandoned without its answer.");
        using var trader = await clustered.ClientForAsync("trader");

        using var response = await trader.GetAsync("/api/symbols");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "retry", "same clientOrderId");
        problem.GetProperty("title").GetString().Should().Be("Cluster unavailable");
        problem.GetProperty("detail").GetString().Should().NotContain("stopped serving", "this server serves; the one holding the data does not");
        problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
        response.Headers.RetryAfter.Should().NotBeNull();
        (await response.Content.ReadAsStringAsync()).Should().NotContain("10.0.0.9");
    }

    [Fact]
    public async Task A_silo_that_stopped_serving_sends_its_clients_to_another_server()
    {
        await using var clustered = new ThrowingCatalogFactory { LocalServing = false };
        clustered.Catalog.Failure = new SiloNotServingException(
            "Silo 10.0.0.9:11111@1 is not serving: it has not reached the membership table for 00:00:05; it serves again once it does.");
        using var trader = await clustered.ClientForAsync("trader");

        using var response = await trader.GetAsync("/api/symbols");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "stopped serving", "another server", "same clientOrderId");
        problem.GetProperty("title").GetString().Should().Be("Cluster unavailable");
        problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    /// <summary>A server whose symbol catalog throws the failure set; with <see cref="LocalServing"/>, a silo of a cluster that does or does not serve.</summary>
    public sealed class ThrowingCatalogFactory : ServerFactory
    {
        internal bool? LocalServing { get; init; }

        internal ThrowingCatalog Catalog { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ISymbolCatalog>(Catalog);
                if (LocalServing is { } serving) services.AddSingleton<IClusterMembership>(new FixedMembership(serving));
            });
        }
    }

    internal sealed class ThrowingCatalog : ISymbolCatalog
    {
        public volatile Exception? Failure;

        public IReadOnlyList<SymbolInfo> All => throw Failure!;

        public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info) => throw Failure!;
    }

    /// <summary>Only what the error handler reads: whether this silo serves.</summary>
    private sealed class FixedMembership(bool serving) : IClusterMembership
    {
        public ClusterSiloAddress LocalSilo { get; } = new("10.0.0.8", 11111, 1);
        public MembershipSnapshot Current => MembershipSnapshot.Empty;
        public SiloStatus LocalStatus => serving ? SiloStatus.Active : SiloStatus.Dead;
        public bool IsServing => serving;

        public event Action<MembershipSnapshot>? Changed { add { } remove { } }
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Server.Tests.Support;
using SmartTrader.Trading;

namespace SmartTrader.Server.Tests;

/// <summary>
/// A grain call that failed because the cluster is changing (a silo unreachable, declared dead, or no longer serving)
/// reaches the client as a retryable 503 saying where to retry, not as an unexpected 500.
/// </summary>
public sealed class ClusterUnavailableErrorTests
{
    private static readonly SiloAddress Peer = new("10.0.0.9:11111@1795273291290");

    [Fact]
    public async Task A_call_to_a_silo_that_stopped_answering_is_a_retryable_503()
    {
        await using var factory = new ThrowingCatalogFactory(
            new SiloUnavailableException(Peer, $"Silo {Peer} was declared dead; the call was abandoned without its answer."), localServing: true);
        using var trader = await factory.ClientForAsync("trader");

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
        await using var factory = new ThrowingCatalogFactory(
            new SiloNotServingException("Silo 10.0.0.9:11111@1 is not serving: it has not reached the membership table for 00:00:05; it serves again once it does."),
            localServing: false);
        using var trader = await factory.ClientForAsync("trader");

        using var response = await trader.GetAsync("/api/symbols");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "stopped serving", "another server", "same clientOrderId");
        problem.GetProperty("title").GetString().Should().Be("Cluster unavailable");
        problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    private sealed class ThrowingCatalogFactory(Exception failure, bool localServing) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ISymbolCatalog>(new ThrowingCatalog(failure));
                services.AddSingleton<IClusterMembership>(new FixedMembership(localServing));
            });
        }
    }

    private sealed class ThrowingCatalog(Exception failure) : ISymbolCatalog
    {
        public IReadOnlyList<SymbolInfo> All => throw failure;

        public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info) => throw failure;
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

using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class RequestContextFlowTests
{
    [Fact]
    public async Task The_correlation_id_flows_through_a_chain_of_grain_calls()
    {
        await using var silo = await TestSilo.StartAsync();

        string? seen;
        using (RequestContext.Begin("corr-1", "alice"))
            seen = await silo.Get<IContextRelayGrain>("a").RelayCorrelationId("b");

        seen.Should().Be("corr-1");
    }

    [Fact]
    public async Task A_queued_call_runs_with_its_own_callers_context()
    {
        await using var silo = await TestSilo.StartAsync();
        var reader = silo.Get<IContextReaderGrain>("b");

        Task hold;
        using (RequestContext.Begin("holder", null))
            hold = reader.Hold("release");
        Task<string?> seen;
        using (RequestContext.Begin("corr-2", "bob"))
            seen = silo.Get<IContextRelayGrain>("a").RelayCorrelationId("b");

        silo.Log.Open("release");
        await hold;
        (await seen).Should().Be("corr-2");
    }
}

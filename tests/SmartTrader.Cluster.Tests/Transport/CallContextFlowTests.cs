using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

[Collection(ThreeSilosCollection.Name)]
public class CallContextFlowTests(ThreeSilos cluster)
{
    [Fact]
    public async Task The_correlation_id_and_user_flow_from_silo_to_silo()
    {
        IReadOnlyList<ContextSeen> seen;
        using (RequestContext.Begin("corr-7f3a", "alice"))
            seen = await cluster.A.Grains.GetGrain<IContextGrain>("b:first").Relay(["c:second", "a:third"]);

        seen.Select(s => s.Silo).Should().Equal(
            cluster.B.Address.Value, cluster.C.Address.Value, cluster.A.Address.Value, cluster.C.Address.Value, cluster.B.Address.Value);
        seen.Should().AllSatisfy(s =>
        {
            s.CorrelationId.Should().Be("corr-7f3a");
            s.User.Should().Be("alice");
        });
    }

    [Fact]
    public async Task A_call_without_context_arrives_without_context()
    {
        RequestContext.Current = null;
        var seen = await cluster.A.Grains.GetGrain<IContextGrain>("b:empty").Relay([]);
        seen.Should().ContainSingle().Which.Should().Be(new ContextSeen(cluster.B.Address.Value, null, null));
    }

    [Fact]
    public async Task Concurrent_calls_keep_their_own_contexts()
    {
        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            using var _ = RequestContext.Begin($"corr-{i}", $"user-{i}");
            var seen = await cluster.A.Grains.GetGrain<IContextGrain>($"b:ctx-{i % 3}").Relay([$"c:ctx-{i % 2}"]);
            return (i, seen);
        });

        foreach (var (i, seen) in await Task.WhenAll(calls))
            seen.Should().AllSatisfy(s => s.Should().Match<ContextSeen>(c => c.CorrelationId == $"corr-{i}" && c.User == $"user-{i}"));
    }
}

using SmartTrader.Cluster.Tests.Harness;

namespace SmartTrader.Cluster.Tests.Transport;

[Collection(ThreeSilosCollection.Name)]
public class MultiplexingTests(ThreeSilos cluster)
{
    [Fact]
    public async Task Hundreds_of_concurrent_calls_share_one_connection_and_each_gets_its_own_answer()
    {
        const int calls = 600;
        await cluster.A.Grains.GetGrain<IValuesGrain>("b:many-warm").Add(0, 0);
        var connectionsBefore = cluster.B.Listener.ConnectionCount;

        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(i =>
            cluster.A.Grains.GetGrain<IValuesGrain>($"b:many-{i % 40}").Add(i, 1_000_000))).Within(TimeSpan.FromSeconds(60));

        results.Should().Equal(Enumerable.Range(0, calls).Select(i => i + 1_000_000));
        cluster.B.Listener.ConnectionCount.Should().Be(connectionsBefore, "the calls are multiplexed on the connection a already had");
    }

    [Fact]
    public async Task Large_arguments_and_results_cross_in_frames_bigger_than_the_receive_buffer()
    {
        var words = Enumerable.Range(0, 40_000).Select(i => $"word-{i % 5000}").ToArray();

        var counts = await cluster.A.Grains.GetGrain<IValuesGrain>("b:large").CountWords(words);

        counts.Should().HaveCount(5000).And.AllSatisfy(pair => pair.Value.Should().Be(8));
    }
}

using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class PlaceWithTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_grain_placed_with_another_activates_on_that_grains_silo_from_any_caller_and_moves_with_it()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var counters = Enumerable.Range(0, 24).Select(i => $"c{i}").ToArray();

        await AssertTogether(cluster, counters, callers: [0, 1, 2]);
        var silosUsed = await Task.WhenAll(counters.Select(c => cluster.GrainFactory(0).GetGrain<ICounterGrain>(c).Silo()));
        silosUsed.Distinct().Should().HaveCountGreaterThan(1, "the anchors themselves are spread over the silos");

        await cluster.StopAsync(2);
        await cluster.WaitForStableAsync(Generous);
        await AssertTogether(cluster, counters, callers: [0, 1]);
    }

    private static async Task AssertTogether(TestCluster cluster, string[] counters, int[] callers)
    {
        foreach (var caller in callers)
        foreach (var counter in counters)
        {
            var grains = cluster.GrainFactory(caller);
            var anchorSilo = await grains.GetGrain<ICounterGrain>(counter).Silo();
            (await grains.GetGrain<ICounterNoteGrain>($"{counter}.note-{caller}").Silo()).Should().Be(anchorSilo, $"note of {counter}, asked from silo {caller}");
        }
    }
}

using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class SingleActivationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Silos_activating_the_same_grains_at_once_end_up_with_one_activation_each_named_by_the_directory()
    {
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 20).Select(i => $"race-{i}").ToList();

        var answers = await Task.WhenAll(keys.SelectMany(key => cluster.Silos.SelectMany(silo =>
            Enumerable.Range(0, 3).Select(async _ => (key, id: await DirectCalls.ActivationIdOn(silo, key))))));

        answers.GroupBy(a => a.key).Should().OnlyContain(g => g.Select(a => a.id).Distinct().Count() == 1,
            "every call for a grain reached the one activation, whichever silo received it");
        cluster.Silos.Sum(s => s.Diagnostics.ActivationCount).Should().Be(keys.Count);
        foreach (var key in keys)
        {
            var holder = await ClusterSql.ScalarAsync<string>(cluster.ConnectionString,
                "SELECT silo FROM grain_directory WHERE grain_type = 'counter' AND grain_key = $1", key);
            (await cluster.GrainFactory(0).GetGrain<ICounterGrain>(key).Silo()).Should().Be(holder);
        }
    }

    [Fact]
    public async Task Of_two_activations_of_one_grain_only_one_commits_and_the_loser_deactivates_and_reloads()
    {
        await using var cluster = await TestCluster.StartAsync(2, new TestClusterOptions { Output = output });
        await cluster.WaitForStableAsync(Generous);
        const string key = "contested";
        (await DirectCalls.IncrementOn(cluster[0], key)).Should().Be(1);
        var first = await DirectCalls.ActivationIdOn(cluster[0], key);

        // A claim lost in a membership change: the directory no longer names silo 0, so silo 1 activates a second copy.
        (await ClusterSql.ExecuteAsync(cluster.ConnectionString, "DELETE FROM grain_directory WHERE grain_key = $1", key)).Should().Be(1);
        (await DirectCalls.GetOn(cluster[1], key)).Should().Be(1);
        (await DirectCalls.ActivationIdOn(cluster[1], key)).Should().NotBe(first);
        cluster.Silos.Should().OnlyContain(s => s.Diagnostics.ActivationCount == 1, "both silos now hold an activation");

        (await DirectCalls.IncrementOn(cluster[0], key)).Should().Be(2);
        await FluentActions.Awaiting(() => DirectCalls.IncrementOn(cluster[1], key)).Should().ThrowAsync<InconsistentStateException>();
        await Eventually.WaitUntilAsync(() => cluster[1].Diagnostics.ActivationCount == 0, Generous, "the losing activation deactivates");

        (await DirectCalls.IncrementOn(cluster[1], key)).Should().Be(3, "silo 1 activates again from what was committed");
        await FluentActions.Awaiting(() => DirectCalls.IncrementOn(cluster[0], key)).Should().ThrowAsync<InconsistentStateException>(
            "silo 0's copy is now the stale one");
        (await DirectCalls.GetOn(cluster[1], key)).Should().Be(3);
    }
}

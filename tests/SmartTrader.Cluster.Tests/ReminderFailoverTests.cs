using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests;

public sealed class ReminderFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Each_reminder_fires_on_one_silo_and_on_a_survivor_after_that_silo_is_killed()
    {
        var ticks = new ReminderTicks();
        await using var cluster = await TestCluster.StartAsync(3, new TestClusterOptions
        {
            Output = output,
            Services = (services, _) => services.AddSingleton(ticks),
        });
        await cluster.WaitForStableAsync(Generous);
        var keys = Enumerable.Range(0, 12).Select(i => $"remind-{i}").ToList();
        foreach (var key in keys) await cluster.GrainFactory(0).GetGrain<IReminderProbeGrain>(key).Start(TimeSpan.FromSeconds(1));

        await Eventually.WaitUntilAsync(() => keys.All(k => ticks.Ticks.Count(t => t.GrainKey == k) >= 2), Generous, "every reminder ticks");
        var firedBy = keys.ToDictionary(k => k, k => ticks.Ticks.Where(t => t.GrainKey == k).Select(t => t.Silo).Distinct().ToList());
        firedBy.Values.Should().OnlyContain(silos => silos.Count == 1, "one silo fires each reminder");
        var victim = cluster[2].Address.ToString();
        var victimsReminders = keys.Where(k => firedBy[k][0] == victim).ToList();
        victimsReminders.Should().NotBeEmpty("reminders are sharded over all three silos");

        var killedAt = DateTime.UtcNow;
        cluster.Kill(2);
        await Eventually.WaitUntilAsync(
            () => victimsReminders.All(k => ticks.Ticks.Any(t => t.GrainKey == k && t.At > killedAt && t.Silo != victim)),
            Generous, "the killed silo's reminders tick on a survivor");
        var resumed = victimsReminders.Max(k => ticks.Ticks.First(t => t.GrainKey == k && t.At > killedAt && t.Silo != victim).At) - killedAt;
        output.WriteLine($"FIGURE kill -> the killed silo's {victimsReminders.Count} reminders ticking on survivors: {resumed.TotalSeconds:F1} s");
        ticks.Ticks.Where(t => t.At > killedAt.AddMilliseconds(100)).Should().NotContain(t => t.Silo == victim, "a killed silo fires nothing");
    }
}

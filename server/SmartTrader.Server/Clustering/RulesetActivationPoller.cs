using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// A ruleset grain publishes an activation only to the silo it lives on. Every <see cref="Period"/>, this service
/// reads the active version of the pre-trade ruleset and of every ruleset it injects from their grains, and
/// publishes any that changed to this silo's <see cref="ActiveRulesets"/> (injected ones first, so the gate is
/// compiled once, whole). Another silo's activation therefore judges orders here within about one period.
/// </summary>
internal sealed partial class RulesetActivationPoller(
    IGrainFactory grains, IRulesetActivations activations, IClusterMembership membership, ILogger<RulesetActivationPoller> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, (int Version, string Hash)> _published = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // While joining or leaving, grain calls are refused; a silo that is not serving takes no orders anyway.
                if (!membership.IsServing || membership.LocalStatus != SiloStatus.Active) continue;
                try
                {
                    // A grain call cut off from its silo waits for its timeout; stopping does not wait with it.
                    await PollOnceAsync().WaitAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPollFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the composition's active versions and publishes the changed ones; returns how many it published.</summary>
    public async Task<int> PollOnceAsync()
    {
        var current = await PreTradeRulesetLoader.InPublishOrder(name => grains.GetGrain<IRulesetGrain>(name).GetActive());
        var changed = current.Where(IsNew).ToList();
        foreach (var active in changed)
        {
            activations.Publish(active);
            _published[active.Ruleset] = (active.Version, active.ContentHash);
        }
        if (changed.Count > 0) LogPublished(string.Join(", ", changed.Select(a => $"{a.Ruleset}@{a.Version}")));
        return changed.Count;
    }

    private bool IsNew(ActiveRuleset active) =>
        !_published.TryGetValue(active.Ruleset, out var known) || known.Version != active.Version || known.Hash != active.ContentHash;

    [LoggerMessage(LogLevel.Information, "Picked up ruleset activations {Rulesets} from the cluster")]
    private partial void LogPublished(string rulesets);

    [LoggerMessage(LogLevel.Warning, "Reading the active rulesets failed; trying again in the next period")]
    private partial void LogPollFailed(Exception exception);
}

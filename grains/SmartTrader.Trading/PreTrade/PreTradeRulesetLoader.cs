using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrader.Rules.Model;
using SmartTrader.Runtime;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// At silo start, after the grain runtime: activates the stored pre-trade ruleset on this silo, with the rulesets it
/// injects, seeding a shipped file as version 1 of each ruleset that has never had a version. The injected rulesets
/// are seeded and published first (a ruleset grain publishes what it seeds), so the gate is compiled once, whole, and
/// a first start logs no incomplete composition on the way. Until it has run, orders are refused, never accepted
/// unchecked.
/// </summary>
public sealed partial class PreTradeRulesetLoader(
    IGrainFactory grains, IRulesetActivations activations, ILogger<PreTradeRulesetLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var planned in await InPublishOrder(ActiveOrShipped))
            if ((planned.Version > 0 ? planned : await Seed(planned)) is { } active) activations.Publish(active);
    }

    /// <summary>
    /// The active versions of the pre-trade ruleset and of every ruleset it injects, directly or not, as
    /// <paramref name="activeOf"/> gives them: the injected ones first, in the order they are found, and the pre-trade
    /// ruleset last, so that publishing them in this order compiles the gate once, whole. Empty when the pre-trade
    /// ruleset has no active version; a ruleset without one is left out.
    /// </summary>
    public static async Task<IReadOnlyList<ActiveRuleset>> InPublishOrder(Func<string, Task<ActiveRuleset?>> activeOf)
    {
        if (await activeOf(PreTradeRuleset.Name) is not { } root) return [];

        var found = new List<ActiveRuleset>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.Ruleset };
        var pending = new Queue<string>(WorkflowInjections.InjectedBy(RulesDocument.Parse(root.Content)));
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || await activeOf(name) is not { } part) continue;
            found.Add(part);
            foreach (var next in WorkflowInjections.InjectedBy(RulesDocument.Parse(part.Content))) pending.Enqueue(next);
        }
        found.Add(root);
        return found;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The active version, or for a ruleset that has never had one the shipped file as it would be seeded (version 0);
    /// reads only.
    /// </summary>
    private async Task<ActiveRuleset?> ActiveOrShipped(string name)
    {
        if (await grains.GetGrain<IRulesetGrain>(name).GetActive() is { } active) return active;
        if (ShippedRulesets.Find(name) is { } shipped) return new ActiveRuleset(name, Version: 0, ContentHash: "", shipped.Content);
        LogNoneActive(name);
        return null;
    }

    /// <summary>Seeds the shipped file as version 1, if the ruleset still has no version; its grain publishes what it seeds.</summary>
    private async Task<ActiveRuleset?> Seed(ActiveRuleset shipped)
    {
        var source = ShippedRulesets.Find(shipped.Ruleset)!.Source;
        var active = await grains.GetGrain<IRulesetGrain>(shipped.Ruleset).SeedIfEmpty(shipped.Content, source);
        if (active is null) LogNoneActive(shipped.Ruleset);
        return active;
    }

    [LoggerMessage(LogLevel.Error, "Ruleset {Ruleset} has no active version: orders are refused until compliance activates one")]
    private partial void LogNoneActive(string ruleset);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// At silo start, after the grain runtime: activates the stored pre-trade ruleset on this silo, seeding the shipped
/// rules as version 1 when the ruleset has never had a version. Until it has run, orders are refused, never
/// accepted unchecked.
/// </summary>
public sealed partial class PreTradeRulesetLoader(
    IGrainFactory grains, IRulesetActivations activations, ILogger<PreTradeRulesetLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ruleset = grains.GetGrain<IRulesetGrain>(PreTradeRuleset.Name);
        var active = await ruleset.GetActive()
            ?? await ruleset.SeedIfEmpty(ShippedRulesets.PreTrade, ShippedRulesets.PreTradeSource);
        if (active is null)
        {
            LogNoneActive(PreTradeRuleset.Name);
            return;
        }
        activations.Publish(active);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Error, "Ruleset {Ruleset} has versions but none is active: orders are refused until compliance activates one")]
    private partial void LogNoneActive(string ruleset);
}

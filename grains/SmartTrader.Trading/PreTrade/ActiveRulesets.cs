using Microsoft.Extensions.Logging;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// This silo's active rulesets, compiled. A published version is compiled first and swapped in with one reference
/// write, so an order sees either the old version or the new one, whole. Content that does not compile is logged and
/// leaves the current version in place.
/// </summary>
public sealed partial class ActiveRulesets(RulesCompiler compiler, ILogger<ActiveRulesets> logger) : IRulesetActivations, IRulesetSchemas
{
    private readonly Lock _publishing = new();
    private volatile PreTradeGate? _preTrade;

    /// <summary>The pre-trade gate in force, or null before any version has been published.</summary>
    public PreTradeGate? PreTrade => _preTrade;

    public IReadOnlyList<RuleInput>? InputsFor(string ruleset) => PreTradeRuleset.InputsFor(ruleset);

    public void Publish(ActiveRuleset active)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (active.Ruleset != PreTradeRuleset.Name)
        {
            LogNotEvaluatedHere(active.Ruleset, active.Version);
            return;
        }

        var version = new RulesetVersionRef(active.Ruleset, active.Version, active.ContentHash);
        // Publications are rare; taking them one at a time keeps a slow compile from overwriting a later version.
        lock (_publishing)
        {
            if (_preTrade?.Version == version) return;
            CompiledWorkflow workflow;
            try
            {
                workflow = compiler.Compile(RulesDocument.Parse(active.Content), PreTradeRuleset.Name, PreTradeRuleset.Inputs);
            }
            catch (Exception e)
            {
                LogNotActivated(e, active.Ruleset, active.Version, _preTrade?.Version.Version);
                return;
            }
            _preTrade = new PreTradeGate(workflow, version);
            LogActivated(active.Ruleset, active.Version, active.ContentHash);
        }
    }

    [LoggerMessage(LogLevel.Information, "Ruleset {Ruleset} version {Version} ({ContentHash}) now judges orders on this silo")]
    private partial void LogActivated(string ruleset, int version, string contentHash);

    [LoggerMessage(LogLevel.Error, "Ruleset {Ruleset} version {Version} did not compile and was not activated on this silo; version {Current} stays in force")]
    private partial void LogNotActivated(Exception exception, string ruleset, int version, int? current);

    [LoggerMessage(LogLevel.Debug, "Ruleset {Ruleset} version {Version} is not evaluated by this silo's components")]
    private partial void LogNotEvaluatedHere(string ruleset, int version);
}

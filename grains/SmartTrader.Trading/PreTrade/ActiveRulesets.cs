using Microsoft.Extensions.Logging;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// This silo's active rulesets, and the pre-trade gate compiled from them: the pre-trade ruleset with the rulesets it
/// injects. A published version is compiled first and swapped in with one reference write, so an order sees either
/// the old composition or the new one, whole. Content that does not compile is logged and leaves the current gate in
/// place.
/// </summary>
public sealed partial class ActiveRulesets(RulesCompiler compiler, ILogger<ActiveRulesets> logger) : IRulesetActivations, IRulesetSchemas
{
    private readonly Lock _publishing = new();
    private readonly Dictionary<string, ActiveRuleset> _active = new(StringComparer.Ordinal);
    private volatile PreTradeGate? _preTrade;

    /// <summary>The pre-trade gate in force, or null before a complete composition has been published.</summary>
    public PreTradeGate? PreTrade => _preTrade;

    public IReadOnlyList<RuleInput>? InputsFor(string ruleset) =>
        PreTradeRuleset.InputsFor(ruleset) ?? (PartOfPreTrade(ruleset) ? PreTradeRuleset.Inputs : null);

    public IReadOnlyList<Workflow>? ActiveWorkflows(string ruleset)
    {
        lock (_publishing) return _active.TryGetValue(ruleset, out var active) ? RulesDocument.Parse(active.Content) : null;
    }

    public void Publish(ActiveRuleset active)
    {
        ArgumentNullException.ThrowIfNull(active);
        // Publications are rare; taking them one at a time keeps a slow compile from overwriting a later version.
        lock (_publishing)
        {
            _active.TryGetValue(active.Ruleset, out var previous);
            _active[active.Ruleset] = active;
            try
            {
                Recompose(active);
            }
            catch (Exception e)
            {
                if (previous is null) _active.Remove(active.Ruleset);
                else _active[active.Ruleset] = previous;
                LogNotActivated(e, $"{active.Ruleset}@{active.Version}:{active.ContentHash}", InForce);
            }
        }
    }

    private void Recompose(ActiveRuleset published)
    {
        if (!_active.TryGetValue(PreTradeRuleset.Name, out var root))
        {
            LogHeldForPreTrade(published.Ruleset, published.Version);
            return;
        }
        var composition = RulesetComposition.Of(root, _active);
        if (!composition.Contains(published.Ruleset))
        {
            LogNotEvaluatedHere(published.Ruleset, published.Version);
            return;
        }
        if (_preTrade?.Composition == composition.Key) return;
        if (composition.Missing.Count > 0)
        {
            LogIncomplete(composition.Key, string.Join(", ", composition.Missing), InForce);
            return;
        }
        var settings = ComplianceSettings.Of(composition.Workflows);
        var workflow = compiler.Compile(composition.Workflows, PreTradeRuleset.Name, PreTradeRuleset.Inputs);
        _preTrade = new PreTradeGate(workflow, composition, settings);
        LogActivated(composition.Key);
    }

    /// <summary>What judges orders on this silo now, as the logs name it.</summary>
    private string InForce => _preTrade?.Composition ?? "nothing: this silo refuses orders";

    private bool PartOfPreTrade(string ruleset)
    {
        if (ShippedRulesets.InjectedIntoPreTrade.Contains(ruleset)) return true;
        lock (_publishing)
            return _active.TryGetValue(PreTradeRuleset.Name, out var root) && RulesetComposition.Of(root, _active).Contains(ruleset);
    }

    [LoggerMessage(LogLevel.Information, "Pre-trade rules {Composition} now judge orders on this silo")]
    private partial void LogActivated(string composition);

    [LoggerMessage(LogLevel.Error, "Pre-trade rules {Composition} did not compile and were not activated on this silo; in force: {Current}")]
    private partial void LogNotActivated(Exception exception, string composition, string current);

    [LoggerMessage(LogLevel.Error, "Pre-trade rules {Composition} inject {Missing}, which no active ruleset supplies; in force: {Current}")]
    private partial void LogIncomplete(string composition, string missing, string current);

    [LoggerMessage(LogLevel.Debug, "Ruleset {Ruleset} version {Version} is held until the pre-trade ruleset is published")]
    private partial void LogHeldForPreTrade(string ruleset, int version);

    [LoggerMessage(LogLevel.Debug, "Ruleset {Ruleset} version {Version} is not part of the pre-trade rules on this silo")]
    private partial void LogNotEvaluatedHere(string ruleset, int version);
}

using SmartTrader.Rules.Compilation;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.RulesCli;

/// <summary>Typed inputs of the workflows the server itself evaluates, so their files check without samples.</summary>
internal static class KnownRuleInputs
{
    public static IReadOnlyList<RuleInput>? For(string workflowName) =>
        workflowName == PreTradeRuleset.Name ? PreTradeRuleset.Inputs : null;
}

namespace SmartTrader.Rules.Expressions;

/// <summary>Names shared by the source generator and the gates that must recognise its scaffolding.</summary>
internal static class GeneratedCode
{
    public const string Namespace = "SmartTrader.Rules.Generated";
    public const string ClassName = "CompiledRules";
    public const string StepCall = "global::SmartTrader.Rules.Runtime.RuleBudget.Step(";
}

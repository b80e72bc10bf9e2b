using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Tests.Compilation;

public sealed record Customer(string Country, int LoyaltyFactor, decimal TotalPurchasesToDate, List<Purchase> Purchases);

public sealed record Purchase(string Symbol, decimal Amount);

public sealed record Basket(int NoOfVisitsPerMonth, decimal PercentageOfBuyingToVisit);

/// <summary>Shared inputs and a compiler for engine tests.</summary>
internal static class Inputs
{
    public static readonly RulesCompiler Compiler = new(new RulesCompilerOptions { EvaluationTimeout = TimeSpan.FromMilliseconds(500) });

    public static readonly RuleInput[] CustomerAndBasket = [new("input1", typeof(Customer)), new("input2", typeof(Basket))];

    public static Customer Indian(int loyalty = 2, decimal purchases = 6000m) =>
        new("india", loyalty, purchases, [new("AAPL", 100m), new("MSFT", 250m)]);

    public static CompiledWorkflow Compile(string json, string workflow = "W", RuleInput[]? inputs = null) =>
        Compiler.Compile(SmartTrader.Rules.Model.RulesDocument.Parse(json), workflow, inputs ?? CustomerAndBasket);
}

public sealed record Visitor(string Country, double TotalPurchasesToDate, float Rating);

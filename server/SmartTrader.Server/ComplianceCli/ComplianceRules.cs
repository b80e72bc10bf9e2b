using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Margin;
using SmartTrader.Compliance.TaxLots;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>
/// The compliance rulesets (pdt, intraday-margin, wash-sale) as one workflow, "compliance", that injects them and is
/// compiled against the three compliance inputs only: the shipped files, or NAME.json files of a directory.
/// </summary>
internal sealed class ComplianceRules
{
    public const string WorkflowName = "compliance";

    public static readonly IReadOnlyList<string> Rulesets = ["pdt", "intraday-margin", "wash-sale"];

    /// <summary>The inputs, in the order <see cref="Evaluate"/> passes them; named as in the pre-trade rules.</summary>
    public static readonly IReadOnlyList<RuleInput> Inputs =
    [
        new("dayTrading", typeof(DayTradingFacts)),
        new("margin", typeof(MarginFacts)),
        new("washSale", typeof(WashSaleFacts)),
    ];

    private static readonly RulesCompiler Compiler = new();

    private ComplianceRules(IReadOnlyList<Workflow> workflows, string source)
    {
        Workflows = workflows;
        Source = source;
    }

    /// <summary>The root workflow and every workflow it injects.</summary>
    public IReadOnlyList<Workflow> Workflows { get; }

    /// <summary>Where the rulesets were read: "shipped" or the directory.</summary>
    public string Source { get; }

    public static ComplianceRules Shipped() => Load("shipped", ShippedRulesets.Workflows);

    public static ComplianceRules FromDirectory(DirectoryInfo directory)
    {
        if (!directory.Exists) throw new ComplianceCliException($"--rules: {directory.FullName} does not exist");
        return Load(directory.FullName, name =>
        {
            var path = Path.Combine(directory.FullName, name + ".json");
            if (!File.Exists(path)) return null;
            try
            {
                return RulesDocument.Load(path);
            }
            catch (RulesDocumentException e)
            {
                throw new ComplianceCliException($"{name}.json:{e.Line}:{e.Column}: {e.Message}");
            }
        });
    }

    /// <summary>Settings from the rulesets' string-literal global params (regime, counting).</summary>
    public ComplianceSettings Settings()
    {
        try
        {
            return ComplianceSettings.Of(Workflows);
        }
        catch (RulesetSettingsException e)
        {
            throw new ComplianceCliException($"rules ({Source}): {e.Message}");
        }
    }

    public CompiledWorkflow Compile()
    {
        try
        {
            return Compiler.Compile(Workflows, WorkflowName, Inputs);
        }
        catch (RulesCompilationException e)
        {
            throw new ComplianceCliException($"rules ({Source}) do not compile against dayTrading, margin and washSale:{Environment.NewLine}"
                + string.Join(Environment.NewLine, e.Diagnostics.Select(d => "  " + d)));
        }
    }

    private static ComplianceRules Load(string source, Func<string, IReadOnlyList<Workflow>?> find)
    {
        var root = new Workflow { WorkflowName = WorkflowName, WorkflowsToInject = [.. Rulesets] };
        var (injected, unresolved) = WorkflowInjections.Resolve([root], find);
        if (unresolved.Count > 0)
            throw new ComplianceCliException($"rules ({source}): no ruleset {string.Join(", ", unresolved.Select(n => n + ".json"))}");
        return new ComplianceRules([root, .. injected], source);
    }
}

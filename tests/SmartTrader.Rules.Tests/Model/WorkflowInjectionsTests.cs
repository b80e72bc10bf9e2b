using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Model;

public class WorkflowInjectionsTests
{
    private static Workflow W(string name, params string[] injects) =>
        new() { WorkflowName = name, WorkflowsToInject = [.. injects], Rules = [new Rule { RuleName = name + "-rule", Expression = "true" }] };

    [Fact]
    public void Adds_what_the_document_injects_and_what_that_injects_in_turn()
    {
        var library = new Dictionary<string, IReadOnlyList<Workflow>>
        {
            ["pdt"] = [W("pdt", "margin")],
            ["margin"] = [W("margin")],
            ["unused"] = [W("unused")],
        };

        var (added, unresolved) = WorkflowInjections.Resolve([W("pre-trade", "pdt")], name => library.GetValueOrDefault(name));

        added.Select(w => w.WorkflowName).Should().Equal("pdt", "margin");
        unresolved.Should().BeEmpty();
    }

    [Fact]
    public void Injections_on_nested_rules_count_and_workflows_the_document_defines_are_not_looked_up()
    {
        var root = W("pre-trade", "local");
        root.Rules.Add(new Rule { RuleName = "group", Operator = "And", WorkflowsToInject = ["wash-sale"] });
        var looked = new List<string>();

        var (added, unresolved) = WorkflowInjections.Resolve([root, W("local")], name =>
        {
            looked.Add(name);
            return null;
        });

        looked.Should().Equal("wash-sale");
        added.Should().BeEmpty();
        unresolved.Should().Equal("wash-sale");
    }

    [Fact]
    public void A_lookup_that_returns_a_document_without_the_named_workflow_leaves_it_unresolved()
    {
        var (added, unresolved) = WorkflowInjections.Resolve([W("pre-trade", "pdt")], _ => [W("something-else")]);

        added.Select(w => w.WorkflowName).Should().Equal("something-else");
        unresolved.Should().Equal("pdt");
    }

    [Fact]
    public void Circular_injections_end()
    {
        var library = new Dictionary<string, IReadOnlyList<Workflow>> { ["a"] = [W("a", "b")], ["b"] = [W("b", "a")] };

        var (added, _) = WorkflowInjections.Resolve([W("root", "a")], name => library.GetValueOrDefault(name));

        added.Select(w => w.WorkflowName).Should().Equal("a", "b");
    }
}

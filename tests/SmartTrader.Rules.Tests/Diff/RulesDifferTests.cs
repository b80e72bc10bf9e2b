using SmartTrader.Rules.Diff;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Diff;

public sealed class RulesDifferTests
{
    private const string Base = """
        [ { "WorkflowName": "Orders",
            "GlobalParams": [ { "Name": "limit", "Expression": "1000" }, { "Name": "gone", "Expression": "1" } ],
            "Rules": [
              { "RuleName": "MaxQuantity", "Expression": "order.Quantity <= limit", "ErrorMessage": "Too many",
                "Properties": { "Severity": "Block", "Reference": "POL-1" },
                "LocalParams": [ { "Name": "q", "Expression": "order.Quantity" } ] },
              { "RuleName": "Group", "Operator": "And", "Rules": [
                  { "RuleName": "Inner", "Expression": "true" },
                  { "RuleName": "Doomed", "Expression": "true" } ] },
              { "RuleName": "Removed", "Expression": "false" } ] },
          { "WorkflowName": "Retiring", "Rules": [ { "RuleName": "R", "Expression": "true" } ] } ]
        """;

    [Fact]
    public void Identical_documents_have_no_differences()
    {
        var diff = RulesDiffer.Compare(RulesDocument.Parse(Base), RulesDocument.Parse(Base));

        diff.IsEmpty.Should().BeTrue();
        diff.Summary().Should().BeEmpty();
    }

    [Fact]
    public void Workflows_are_matched_by_name_and_reported_added_or_removed()
    {
        var after = RulesDocument.Parse("""
            [ { "WorkflowName": "Fresh", "GlobalParams": [ { "Name": "p", "Expression": "2" } ],
                "Rules": [ { "RuleName": "New", "Expression": "x > 1", "Enabled": true } ] },
              { "WorkflowName": "Orders", "Rules": [] } ]
            """);

        var diff = RulesDiffer.Compare(RulesDocument.Parse(Base), after);

        diff.Workflows.Select(w => (w.WorkflowName, w.Kind)).Should().Equal(
            ("Fresh", ChangeKind.Added), ("Orders", ChangeKind.Changed), ("Retiring", ChangeKind.Removed));
        var fresh = diff.Workflows[0];
        fresh.GlobalParams.Should().Equal(new ParamChange("p", ChangeKind.Added, null, "2"));
        var rule = fresh.Rules.Should().ContainSingle().Subject;
        rule.Kind.Should().Be(ChangeKind.Added);
        rule.Fields.Should().Equal([new FieldChange("Expression", null, "x > 1")], "an added rule shows what it has, without defaults");
        diff.Workflows[2].Rules.Should().ContainSingle().Which.Fields.Should().Equal(new FieldChange("Expression", "true", null));
    }

    [Fact]
    public void Global_params_are_reported_added_removed_and_changed_with_both_values()
    {
        var after = Edited(w => w.GlobalParams = [new ScopedParam { Name = "limit", Expression = "500" }, new ScopedParam { Name = "extra", Expression = "3" }]);

        var orders = RulesDiffer.Compare(RulesDocument.Parse(Base), after).Workflows.Single();

        orders.GlobalParams.Should().Equal(
            new ParamChange("limit", ChangeKind.Changed, "1000", "500"),
            new ParamChange("extra", ChangeKind.Added, null, "3"),
            new ParamChange("gone", ChangeKind.Removed, "1", null));
    }

    [Fact]
    public void A_changed_rule_lists_each_field_that_differs_with_before_and_after()
    {
        var after = Edited(w =>
        {
            var rule = w.Rules[0];
            rule.Expression = "order.Quantity < limit";
            rule.Enabled = false;
            rule.ErrorMessage = "Too many shares";
            rule.SuccessEvent = "ok";
            rule.Operator = null;
            rule.Properties = new() { ["Severity"] = Json("\"Warn\""), ["Owner"] = Json("\"desk\"") };
            rule.LocalParams = [new ScopedParam { Name = "q", Expression = "order.Quantity * 2" }, new ScopedParam { Name = "r", Expression = "1" }];
            rule.Actions = new RuleActions { OnFailure = new ActionInfo { Name = "OutputExpression", Context = new() { ["Expression"] = Json("\"q\"") } } };
            rule.WorkflowsToInject = ["Shared"];
        });

        var change = RulesDiffer.Compare(RulesDocument.Parse(Base), after).Workflows.Single().Rules.Single();

        change.RuleName.Should().Be("MaxQuantity");
        change.Kind.Should().Be(ChangeKind.Changed);
        change.Fields.Should().Equal(
            new FieldChange("Expression", "order.Quantity <= limit", "order.Quantity < limit"),
            new FieldChange("ErrorMessage", "Too many", "Too many shares"),
            new FieldChange("SuccessEvent", null, "ok"),
            new FieldChange("Enabled", "true", "false"),
            new FieldChange("Properties.Owner", null, "\"desk\""),
            new FieldChange("Properties.Severity", "\"Block\"", "\"Warn\""),
            new FieldChange("LocalParams[q]", "order.Quantity", "order.Quantity * 2"),
            new FieldChange("LocalParams[r]", null, "1"),
            new FieldChange("Actions.OnFailure", null, """{"Name":"OutputExpression","Context":{"Expression":"q"}}"""),
            new FieldChange("WorkflowsToInject", null, """["Shared"]"""),
            new FieldChange("Properties.Reference", "\"POL-1\"", null));
    }

    [Fact]
    public void Nested_rules_are_compared_recursively_by_name()
    {
        var after = Edited(w =>
        {
            var group = w.Rules[1];
            group.Rules![0].Expression = "false";
            group.Rules.RemoveAt(1);
            group.Rules.Add(new Rule { RuleName = "Born", Expression = "1 == 1" });
        });

        var group = RulesDiffer.Compare(RulesDocument.Parse(Base), after).Workflows.Single().Rules.Single();

        group.RuleName.Should().Be("Group");
        group.Fields.Should().BeEmpty("the group's own fields did not change");
        group.Rules.Select(r => (r.RuleName, r.Kind)).Should().Equal(
            ("Inner", ChangeKind.Changed), ("Born", ChangeKind.Added), ("Doomed", ChangeKind.Removed));
        group.Rules[0].Fields.Should().Equal(new FieldChange("Expression", "true", "false"));
    }

    [Fact]
    public void Removed_rules_and_workflow_fields_are_reported()
    {
        var after = Edited(w =>
        {
            w.Rules.RemoveAt(2);
            w.WorkflowsToInject = ["Shared"];
        });

        var orders = RulesDiffer.Compare(RulesDocument.Parse(Base), after).Workflows.Single();

        orders.Fields.Should().Equal(new FieldChange("WorkflowsToInject", null, """["Shared"]"""));
        orders.Rules.Should().ContainSingle().Which.Should().Match<RuleChange>(r => r.RuleName == "Removed" && r.Kind == ChangeKind.Removed);
    }

    [Fact]
    public void Rules_sharing_a_name_pair_up_in_order()
    {
        var before = RulesDocument.Parse("""{ "WorkflowName": "W", "Rules": [ { "RuleName": "R", "Expression": "1" }, { "RuleName": "R", "Expression": "2" } ] }""");
        var after = RulesDocument.Parse("""{ "WorkflowName": "W", "Rules": [ { "RuleName": "R", "Expression": "1" }, { "RuleName": "R", "Expression": "3" } ] }""");

        var rules = RulesDiffer.Compare(before, after).Workflows.Single().Rules;

        rules.Should().ContainSingle().Which.Fields.Should().Equal(new FieldChange("Expression", "2", "3"));
    }

    [Fact]
    public void The_result_is_the_same_every_time()
    {
        var before = RulesDocument.Parse(Base);
        var after = Edited(w => w.Rules.Reverse());

        var first = RulesDiffer.Compare(before, after);
        var second = RulesDiffer.Compare(RulesDocument.Parse(Base), Edited(w => w.Rules.Reverse()));

        first.Summary().Should().Equal(second.Summary());
        first.IsEmpty.Should().BeTrue("reordering rules changes no rule");
    }

    [Fact]
    public void The_summary_names_each_change_by_path()
    {
        var after = Edited(w =>
        {
            w.GlobalParams![0].Expression = "5";
            w.Rules[0].Expression = "false";
            w.Rules[0].Enabled = false;
            w.Rules[1].Rules![1].Expression = "false";
            w.Rules.RemoveAt(2);
        });
        after.RemoveAt(1);
        after.Add(new Workflow { WorkflowName = "Brand" });

        var summary = RulesDiffer.Compare(RulesDocument.Parse(Base), after).Summary();

        summary.Should().Equal(
            "Orders: global param 'limit' changed",
            "Orders/MaxQuantity: Expression, Enabled changed",
            "Orders/Group/Doomed: Expression changed",
            "Orders/Removed: rule removed",
            "workflow 'Brand' added",
            "workflow 'Retiring' removed");
    }

    /// <summary>The base document with its Orders workflow edited and its Retiring workflow kept.</summary>
    private static List<Workflow> Edited(Action<Workflow> edit)
    {
        var workflows = RulesDocument.Parse(Base).ToList();
        edit(workflows[0]);
        return workflows;
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}

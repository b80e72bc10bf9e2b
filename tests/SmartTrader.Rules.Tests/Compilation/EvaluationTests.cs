using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Tests.Compilation;

public sealed class EvaluationTests
{
    private const string Discounts = """
        { "WorkflowName": "W", "Rules": [
          { "RuleName": "GiveDiscount10", "SuccessEvent": "10",
            "ErrorMessage": "One or more adjust rules failed.",
            "Expression": "input1.country == \"india\" AND input1.loyaltyFactor <= 2 AND input1.totalPurchasesToDate >= 5000 AND input2.noOfVisitsPerMonth > 2" },
          { "RuleName": "GiveDiscount20", "SuccessEvent": "20",
            "ErrorMessage": "Loyalty $(input1.LoyaltyFactor) is not above 3 in $(input1.Country)",
            "Expression": "input1.country = \"india\" AND input1.loyaltyFactor >= 3 AND input1.totalPurchasesToDate >= 10000" } ] }
        """;

    [Fact]
    public void Results_follow_rule_order_with_dynamic_linq_keywords_and_case_insensitive_members()
    {
        var workflow = Inputs.Compile(Discounts);

        var results = workflow.Execute(Inputs.Indian(), new Basket(3, 0.5m));

        results.Select(r => (r.Rule.RuleName, r.IsSuccess)).Should().Equal(("GiveDiscount10", true), ("GiveDiscount20", false));
        results[0].ExceptionMessage.Should().BeNull();
        results[0].Rule.SuccessEvent.Should().Be("10");
        results[1].ExceptionMessage.Should().Be("Loyalty 2 is not above 3 in india");
        results[1].Inputs.Keys.Should().BeEquivalentTo("input1", "input2");
    }

    [Fact]
    public void The_fast_path_reports_only_failures_with_rendered_messages()
    {
        var workflow = Inputs.Compile(Discounts);

        var verdict = workflow.Evaluate(Inputs.Indian(loyalty: 5, purchases: 20000m), new Basket(1, 0m));

        verdict.AllPassed.Should().BeFalse();
        verdict.IsBlocked.Should().BeTrue();
        verdict.Failures.Should().ContainSingle().Which.Should().Be(
            new SmartTrader.Rules.Results.RuleFailure("GiveDiscount10", Severity.Block, "One or more adjust rules failed.", null, false));
        workflow.Evaluate(Inputs.Indian(loyalty: 2), new Basket(3, 0m)).Failures.Should().ContainSingle()
            .Which.Message.Should().Be("Loyalty 2 is not above 3 in india");
    }

    [Fact]
    public void Nested_rules_combine_children_and_report_each_child()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "AnyOf", "Operator": "OrElse", "Rules": [
                  { "RuleName": "FromUs", "Expression": "input1.Country == \"usa\"" },
                  { "RuleName": "Loyal", "Expression": "input1.LoyaltyFactor > 1" } ] },
              { "RuleName": "AllOf", "Operator": "And", "Rules": [
                  { "RuleName": "FromIndia", "Expression": "input1.Country == \"india\"" },
                  { "RuleName": "Big", "Expression": "input1.TotalPurchasesToDate > 1000000" } ] } ] }
            """);

        var results = workflow.Execute(Inputs.Indian(), new Basket(1, 0m));

        results[0].IsSuccess.Should().BeTrue();
        results[0].ChildResults!.Select(c => c.IsSuccess).Should().Equal(false, true);
        results[1].IsSuccess.Should().BeFalse();
        results[1].ChildResults!.Select(c => c.IsSuccess).Should().Equal(true, false);
        workflow.Evaluate(Inputs.Indian(), new Basket(1, 0m)).Failures.Select(f => f.RuleName).Should().Equal("AllOf");
    }

    [Fact]
    public void Global_and_local_params_are_evaluated_once_and_reported()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W",
              "GlobalParams": [ { "Name": "threshold", "Expression": "1000" }, { "Name": "doubled", "Expression": "threshold * 2" } ],
              "Rules": [ { "RuleName": "Spent", "LocalParams": [ { "Name": "spent", "Expression": "input1.Purchases.Sum(p => p.Amount)" } ],
                           "Expression": "spent < doubled AND spent > 0" } ] }
            """);

        var result = workflow.Execute(Inputs.Indian(), new Basket(1, 0m)).Single();

        result.IsSuccess.Should().BeTrue();
        result.EvaluatedParams.Should().Contain("threshold", 1000).And.Contain("doubled", 2000).And.Contain("spent", 350m);
    }

    [Fact]
    public void Iif_not_and_inequality_idioms_evaluate_like_dynamic_linq()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Iif", "Expression": "iif(input1.LoyaltyFactor > 1, input2.NoOfVisitsPerMonth, 0) = 3" },
              { "RuleName": "Not", "Expression": "NOT (input1.Country <> \"india\") and input2.PercentageOfBuyingToVisit >= 0.5" },
              { "RuleName": "Lambda", "Expression": "input1.Purchases.Any(p => p.Symbol == 'MSFT' OR p.Amount > 1000.0)" } ] }
            """);

        workflow.Execute(Inputs.Indian(), new Basket(3, 0.75m)).Select(r => r.IsSuccess).Should().Equal(true, true, true);
        workflow.Execute(Inputs.Indian(loyalty: 1), new Basket(3, 0.25m)).Select(r => r.IsSuccess).Should().Equal(false, false, true);
    }

    [Fact]
    public void An_expression_that_throws_fails_its_rule_only_and_names_it()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Divides", "Expression": "input1.TotalPurchasesToDate / (input1.LoyaltyFactor - 2) > 0" },
              { "RuleName": "Fine", "Expression": "true" } ] }
            """);

        var results = workflow.Execute(Inputs.Indian(loyalty: 2), new Basket(1, 0m));

        results[0].IsSuccess.Should().BeFalse();
        results[0].ExceptionMessage.Should().Contain("Divides").And.Contain("DivideByZeroException");
        results[1].IsSuccess.Should().BeTrue();
        workflow.Evaluate(Inputs.Indian(loyalty: 2), new Basket(1, 0m)).Failures.Single().Threw.Should().BeTrue();
    }

    [Fact]
    public void Output_expression_actions_run_on_success_or_failure()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Discount", "Expression": "input1.LoyaltyFactor > 1",
                "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "input1.TotalPurchasesToDate * 0.1" } },
                             "OnFailure": { "Name": "OutputExpression", "Context": { "Expression": "0" } } } } ] }
            """);

        workflow.Execute(Inputs.Indian(loyalty: 2, purchases: 100m), new Basket(1, 0m)).Single().ActionResult!.Output.Should().Be(10.0m);
        workflow.Execute(Inputs.Indian(loyalty: 1), new Basket(1, 0m)).Single().ActionResult!.Output.Should().Be(0);
    }

    [Fact]
    public void Disabled_rules_are_skipped_and_injected_workflows_add_their_rules()
    {
        var workflow = Inputs.Compile("""
            [ { "WorkflowName": "Base", "Rules": [ { "RuleName": "FromIndia", "Expression": "input1.Country == \"india\"" } ] },
              { "WorkflowName": "W", "WorkflowsToInject": [ "Base" ], "Rules": [
                  { "RuleName": "Off", "Enabled": false, "Expression": "false" },
                  { "RuleName": "On", "Expression": "true" } ] } ]
            """);

        workflow.Execute(Inputs.Indian(), new Basket(1, 0m)).Select(r => r.Rule.RuleName).Should().Equal("On", "FromIndia");
    }

    [Fact]
    public void Real_literals_compare_with_double_inputs_and_utils_helpers_resolve()
    {
        var workflow = Inputs.Compiler.Compile(RulesDocument.Parse("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Spent", "Expression": "input1.totalPurchasesToDate >= 5000.5 AND input1.rating < 4.5" },
              { "RuleName": "Listed", "Expression": "Utils.CheckContains(input1.country, \"india,usa\") AND CheckContains(\"usa\", \"India, USA\")" } ] }
            """), "W", [new("input1", typeof(Visitor))]);

        workflow.Execute(new Visitor("india", 6000.0, 3.5f)).Select(r => r.IsSuccess).Should().Equal(true, true);
        workflow.Execute(new Visitor("uk", 5000.0, 3.5f)).Select(r => r.IsSuccess).Should().Equal(false, false);
    }

    [Fact]
    public void The_fast_path_across_many_rules_reports_every_failure_in_order_and_resumes_after_a_throw()
    {
        string Expression(int i) => i switch
        {
            70 => "input1.LoyaltyFactor / (input1.LoyaltyFactor - 2) > 0",
            100 or 149 => "input1.Country == \"usa\"",
            _ => $"input1.TotalPurchasesToDate > {i}",
        };
        var rules = string.Join(",", Enumerable.Range(0, 150).Select(i => $$"""{ "RuleName": "R{{i}}", "Expression": {{System.Text.Json.JsonSerializer.Serialize(Expression(i))}} }"""));
        var workflow = Inputs.Compile($$"""{ "WorkflowName": "W", "Rules": [ {{rules}} ] }""");

        var verdict = workflow.Evaluate(Inputs.Indian(loyalty: 2, purchases: 6000m), new Basket(1, 0m));

        verdict.Failures.Select(f => (f.RuleName, f.Threw)).Should().Equal(("R70", true), ("R100", false), ("R149", false));
        workflow.Execute(Inputs.Indian(loyalty: 2, purchases: 6000m), new Basket(1, 0m)).Where(r => !r.IsSuccess)
            .Select(r => r.Rule.RuleName).Should().Equal("R70", "R100", "R149");
    }

    [Fact]
    public void A_workflow_of_more_chunks_than_generated_classes_still_reports_every_failure_in_order()
    {
        // 1,100 rules are 69 chunks of 16, more than the 16 classes the rule methods are spread over.
        var failing = new[] { 3, 640, 1_099 };
        var rules = string.Join(",", Enumerable.Range(0, 1_100).Select(i =>
            $$"""{ "RuleName": "R{{i}}", "Expression": "{{(failing.Contains(i) ? "input1.Country == \\\"usa\\\"" : $"input1.TotalPurchasesToDate > {i}")}}" }"""));
        var workflow = Inputs.Compile($$"""{ "WorkflowName": "W", "Rules": [ {{rules}} ] }""");

        var verdict = workflow.Evaluate(Inputs.Indian(purchases: 6000m), new Basket(1, 0m));

        verdict.Failures.Select(f => f.RuleName).Should().Equal("R3", "R640", "R1099");
        workflow.Execute(Inputs.Indian(purchases: 6000m), new Basket(1, 0m)).Where(r => !r.IsSuccess)
            .Select(r => r.Rule.RuleName).Should().Equal("R3", "R640", "R1099");
    }

    [Fact]
    public void A_nested_rules_child_that_throws_counts_as_that_child_failing_on_both_paths()
    {
        const string Throws = "input1.LoyaltyFactor / (input1.LoyaltyFactor - 2) > 0";
        const string Passes = "input1.Country == \"india\"";
        const string Fails = "input1.Country == \"usa\"";
        static string Leaf(string name, string expression) =>
            $$"""{ "RuleName": "{{name}}", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} }""";
        static string Nested(int i, string op, string first, string second) =>
            $$"""{ "RuleName": "R{{i}}", "Operator": "{{op}}", "ErrorMessage": "R{{i}} failed for $(input1.Country)", "Rules": [ {{Leaf($"R{i}a", first)}}, {{Leaf($"R{i}b", second)}} ] }""";
        // Rules on either side of each nested one share its chunk, so evaluation must resume right after it.
        var rules = string.Join(",", Enumerable.Range(0, 40).Select(i => i switch
        {
            5 => Nested(i, "OrElse", Throws, Passes),
            6 => Nested(i, "AndAlso", Passes, Throws),
            7 => Leaf("R7", Fails),
            20 => Nested(i, "Or", Throws, Fails),
            _ => Leaf($"R{i}", Passes),
        }));
        var workflow = Inputs.Compile($$"""{ "WorkflowName": "W", "Rules": [ {{rules}} ] }""");

        var verdict = workflow.Evaluate(Inputs.Indian(loyalty: 2), new Basket(1, 0m));
        var results = workflow.Execute(Inputs.Indian(loyalty: 2), new Basket(1, 0m));

        verdict.Failures.Select(f => (f.RuleName, f.Message, f.Threw)).Should().Equal(
            ("R6", "R6 failed for india", false), ("R7", "Rule 'R7' failed.", false), ("R20", "R20 failed for india", false));
        results.Where(r => !r.IsSuccess).Select(r => r.Rule.RuleName).Should().Equal("R6", "R7", "R20");
        results[5].ChildResults!.Select(c => (c.IsSuccess, c.ExceptionMessage is not null)).Should().Equal((false, true), (true, false));
        results[6].ChildResults!.Select(c => (c.IsSuccess, c.ExceptionMessage is not null)).Should().Equal((true, false), (false, true));
    }
}

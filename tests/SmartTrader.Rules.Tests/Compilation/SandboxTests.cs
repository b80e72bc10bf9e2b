using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Tests.Compilation;

/// <summary>The known ways out of an expression sandbox, each refused before anything is emitted.</summary>
public sealed class SandboxTests
{
    [Theory]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")", "System.IO.File.Exists")]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0", "System.IO.File.ReadAllText")]
    [InlineData("new System.IO.FileInfo(\"/etc/passwd\").Exists", "FileInfo")]
    [InlineData("System.IO.Directory.GetFiles(\"/\").Length > 0", "Directory")]
    [InlineData("System.Diagnostics.Process.Start(\"sh\") != null", "Process")]
    [InlineData("new System.Net.Http.HttpClient() != null", "HttpClient")]
    [InlineData("System.Net.Dns.GetHostName() != null", "Dns")]
    [InlineData("System.Environment.GetEnvironmentVariable(\"HOME\") != null", "Environment")]
    [InlineData("System.Environment.Exit(1) == null", "Environment")]
    [InlineData("input1.GetType().Assembly != null", "GetType")]
    [InlineData("input1.GetType().GetProperty(\"Country\") != null", "GetType")]
    [InlineData("typeof(string).Assembly.Location != null", "typeof")]
    [InlineData("System.Type.GetType(\"System.IO.File\") != null", "System.Type")]
    [InlineData("System.Reflection.Assembly.Load(\"System.IO\") != null", "Assembly")]
    [InlineData("System.AppDomain.CurrentDomain != null", "AppDomain")]
    [InlineData("System.Activator.CreateInstance(\"x\", \"y\") != null", "Activator")]
    [InlineData("System.Threading.Thread.CurrentThread != null", "Thread")]
    [InlineData("System.Threading.Tasks.Task.Run(() => 1).Result == 1", "Task")]
    [InlineData("System.Runtime.InteropServices.Marshal.SizeOf(1) > 0", "Marshal")]
    [InlineData("System.GC.GetTotalMemory(false) > 0", "GC")]
    [InlineData("System.Console.ReadLine() != null", "Console")]
    [InlineData("((dynamic)input1).Country == \"india\"", "dynamic")]
    [InlineData("nameof(input1) == \"input1\"", "nameof")]
    [InlineData("sizeof(int) == 4", "sizeof")]
    [InlineData("default(System.IO.Stream) == null", "Stream")]
    [InlineData("input1.Purchases.Select(p => System.IO.File.Exists(p.Symbol)).Any()", "System.IO.File.Exists")]
    [InlineData("((System.Func<bool>)(() => { return true; }))()", "statement bodies")]
    [InlineData("input1.Purchases.Any(p => (p.Amount += 1) > 0)", "assignment")]
    [InlineData("input1.Purchases.Any(p => p.Amount++ > 0)", "++")]
    [InlineData("input1.Purchases.Count(p => true) > 0 && input1.Purchases.Remove(null)", "Remove")]
    [InlineData("input1.Purchases.Where(p => true).ToList().Count > 0 && (__arglist) != null", "__arglist")]
    [InlineData("System.DateTime.Now.Year > 2000", "System.DateTime.Now")]
    [InlineData("System.Guid.NewGuid() != System.Guid.Empty", "NewGuid")]
    [InlineData("System.Linq.Enumerable.Range(0, int.MaxValue).Count() > 0", "Range")]
    [InlineData("\"x\".PadLeft(int.MaxValue).Length > 0", "PadLeft")]
    [InlineData("new string('x', int.MaxValue).Length > 0", "String")]
    [InlineData("System.Int32.TryParse(\"1\", out var n)", "out")]
    [InlineData("from p in input1.Purchases select p", "query")]
    [InlineData("new int[int.MaxValue].Length > 0", "arrays")]
    [InlineData("System.Runtime.CompilerServices.Unsafe.SizeOf<int>() > 0", "Unsafe")]
    [InlineData("System.Linq.Expressions.Expression.Constant(1) != null", "Expression")]
    [InlineData("System.AppContext.BaseDirectory != null", "AppContext")]
    [InlineData("System.Threading.Volatile.Read(ref input1) != null", "ref")]
    public void Escape_routes_are_refused_with_a_message_naming_the_rule(string expression, string mentioned)
    {
        var json = $$"""{ "WorkflowName": "W", "Rules": [ { "RuleName": "Escape", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} } ] }""";

        var act = () => Inputs.Compile(json);

        var error = act.Should().Throw<RulesCompilationException>().Which;
        error.Diagnostics.Should().NotBeEmpty();
        error.Diagnostics.Should().OnlyContain(d => d.RuleName == "Escape" && d.Field == "Expression");
        error.Message.Should().ContainEquivalentOf(mentioned);
    }

    [Fact]
    public void Params_messages_and_actions_are_sandboxed_like_expressions()
    {
        var json = """
            { "WorkflowName": "W",
              "GlobalParams": [ { "Name": "home", "Expression": "System.Environment.GetEnvironmentVariable(\"HOME\")" } ],
              "Rules": [ { "RuleName": "R", "Expression": "true",
                           "LocalParams": [ { "Name": "files", "Expression": "System.IO.Directory.GetFiles(\"/\")" } ],
                           "ErrorMessage": "$(System.IO.File.ReadAllText(\"/etc/passwd\"))",
                           "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "System.Diagnostics.Process.GetCurrentProcess()" } } } } ] }
            """;

        var act = () => Inputs.Compile(json);

        act.Should().Throw<RulesCompilationException>().Which.Diagnostics.Select(d => d.Field)
            .Should().Contain("GlobalParams[home]");
    }

    [Fact]
    public void A_statement_smuggled_after_the_expression_is_refused()
    {
        var json = """
            { "WorkflowName": "W", "Rules": [ { "RuleName": "Smuggle",
              "Expression": "true); } static void Evil() { System.IO.File.Delete(\"/tmp/x\"); } static bool X() { return (true" } ] }
            """;

        var act = () => Inputs.Compile(json);

        act.Should().Throw<RulesCompilationException>().Which.Diagnostics.Should().Contain(d => d.RuleName == "Smuggle");
    }

    [Fact]
    public void A_preprocessor_directive_cannot_switch_off_the_generated_code()
    {
        var json = """
            { "WorkflowName": "W", "Rules": [ { "RuleName": "Directive", "Expression": "true\n#if false\n" } ] }
            """;

        var act = () => Inputs.Compile(json);

        act.Should().Throw<RulesCompilationException>().Which.Diagnostics.Should().Contain(d => d.RuleName == "Directive");
    }

    [Fact]
    public void A_runaway_expression_is_stopped_and_reported_and_the_next_evaluation_works()
    {
        var workflow = Inputs.Compile("""
            { "WorkflowName": "W", "Rules": [
              { "RuleName": "Runaway",
                "Expression": "input1.Purchases.Any(a => input1.Purchases.Any(b => input1.Purchases.Any(c => input1.Purchases.Any(d => input1.Purchases.Any(e => input1.Purchases.Any(f => input1.Purchases.Any(g => a.Amount + b.Amount + c.Amount + d.Amount + e.Amount + f.Amount + g.Amount < 0)))))))" },
              { "RuleName": "Quick", "Expression": "input1.Country == \"india\"" } ] }
            """);
        var many = Enumerable.Range(0, 60).Select(i => new Purchase("S" + i, i)).ToList();
        var customer = Inputs.Indian() with { Purchases = many };

        var results = workflow.Execute(customer, new Basket(1, 0m));

        results[0].IsSuccess.Should().BeFalse();
        results[0].ExceptionMessage.Should().Contain("Runaway").And.Contain("time budget");
        results[1].IsSuccess.Should().BeTrue();
        var again = workflow.Execute(Inputs.Indian(), new Basket(1, 0m));
        again[0].ExceptionMessage.Should().BeNull("a small input finishes well inside the budget");
        again[1].IsSuccess.Should().BeTrue();
    }
}

using System.CommandLine;
using SmartTrader.Rules.Compilation;
using SmartTrader.Rules.Model;
using SmartTrader.Server.RulesCli;
using SmartTrader.Trading.PreTrade;

namespace SmartTrader.Server.Cli;

/// <summary>`rules check FILE` and `rules eval FILE --workflow NAME --input name=PATH.json`.</summary>
internal static class RulesCommand
{
    private const int RulesInvalid = 1;
    private const int UsageError = 2;

    public static Command Create()
    {
        var command = new Command("rules", "Validate rules files and evaluate them against sample inputs.");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Eval());
        return command;
    }

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "A rules file: one workflow or an array of workflows (RulesEngine JSON)." };

    private static Option<string[]> InputOption() => new("--input")
    {
        Description = "A named sample input, name=PATH.json; repeat for each input.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Machine-readable output." };

    private static Command Check()
    {
        var file = FileArgument();
        var workflow = new Option<string>("--workflow") { Description = "Check only this workflow (default: all)." };
        var inputs = InputOption();
        var json = JsonOption();
        var command = new Command("check", "Parse, sandbox-check and compile every workflow of FILE; exits 1 with each problem's position when it does not compile.")
        {
            file, workflow, inputs, json,
        };
        command.SetAction(parse => Run(() =>
        {
            var document = Load(parse.GetValue(file)!);
            var workflows = WithInjected(parse.GetValue(file)!, document);
            var names = parse.GetValue(workflow) is { } one ? [one] : document.Select(w => w.WorkflowName).ToArray();
            var samples = (parse.GetValue(inputs) ?? []).Select(RuleInputFiles.Parse).ToList();
            var compiler = new RulesCompiler();
            var diagnostics = new List<RuleDiagnostic>();
            foreach (var name in names)
            {
                var schema = PreTradeRuleset.InputsFor(name);
                var typed = samples.Count > 0
                    ? RuleInputFiles.Bind(samples, schema).Inputs
                    : schema ?? throw new RulesCliException($"Workflow '{name}' has no known input types; give sample inputs with --input name=PATH.json.");
                diagnostics.AddRange(compiler.Validate(workflows, name, typed));
            }
            if (parse.GetValue(json))
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { valid = diagnostics.Count == 0, workflows = names, diagnostics }, ResultTreeOutput.Options));
            else if (diagnostics.Count == 0)
                Console.WriteLine($"{parse.GetValue(file)!.Name}: {names.Length} workflow(s) compile: {string.Join(", ", names)}");
            else
                foreach (var d in diagnostics) Console.Error.WriteLine($"{parse.GetValue(file)!.Name}: {d}");
            return diagnostics.Count == 0 ? 0 : RulesInvalid;
        }));
        return command;
    }

    private static Command Eval()
    {
        var file = FileArgument();
        var workflow = new Option<string>("--workflow") { Description = "The workflow to evaluate.", Required = true };
        var inputs = InputOption();
        var json = JsonOption();
        var command = new Command("eval", "Evaluate one workflow of FILE against sample inputs and print the result trees.")
        {
            file, workflow, inputs, json,
        };
        command.SetAction(parse => Run(() =>
        {
            var workflows = WithInjected(parse.GetValue(file)!, Load(parse.GetValue(file)!));
            var name = parse.GetValue(workflow)!;
            var samples = (parse.GetValue(inputs) ?? []).Select(RuleInputFiles.Parse).ToList();
            var (typed, values) = RuleInputFiles.Bind(samples, PreTradeRuleset.InputsFor(name));
            var compiled = new RulesCompiler().Compile(workflows, name, typed);
            var results = compiled.Execute(values);
            if (parse.GetValue(json)) Console.WriteLine(ResultTreeOutput.Json(results));
            else ResultTreeOutput.WriteText(Console.Out, results);
            return 0;
        }));
        return command;
    }

    /// <summary>The document with the workflows it injects but does not define, each read from NAME.json beside the file.</summary>
    private static IReadOnlyList<Workflow> WithInjected(FileInfo file, IReadOnlyList<Workflow> document)
    {
        var (injected, _) = WorkflowInjections.Resolve(document, name =>
            Path.Combine(file.DirectoryName ?? ".", name + ".json") is var path && File.Exists(path) ? Load(new FileInfo(path)) : null);
        return [.. document, .. injected];
    }

    private static IReadOnlyList<Workflow> Load(FileInfo file)
    {
        if (!file.Exists) throw new RulesCliException($"{file.FullName} does not exist.");
        try
        {
            return RulesDocument.Load(file.FullName);
        }
        catch (RulesDocumentException e)
        {
            throw new RulesInvalidException($"{file.Name}:{e.Line}:{e.Column}: {e.Message}");
        }
    }

    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RulesCliException e)
        {
            Console.Error.WriteLine(e.Message);
            return UsageError;
        }
        catch (RulesInvalidException e)
        {
            Console.Error.WriteLine(e.Message);
            return RulesInvalid;
        }
        catch (RulesCompilationException e)
        {
            foreach (var d in e.Diagnostics) Console.Error.WriteLine(d);
            return RulesInvalid;
        }
        catch (UnknownWorkflowException e)
        {
            Console.Error.WriteLine(e.Message);
            return RulesInvalid;
        }
    }

    private sealed class RulesInvalidException(string message) : Exception(message);
}

using System.CommandLine;

namespace SmartTrader.Server.Cli;

public static class CliApp
{
    /// <summary>The verbs of the smarttrader binary. A new verb is one file in Cli/ with a Create() and one line here.</summary>
    private static readonly Func<Command>[] Verbs =
    [
        ServeCommand.Create,
        BenchCommand.Create,
        RulesCommand.Create,
        ComplianceCommand.Create,
    ];

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("SmartTrader: trading workflow server. Without a verb, runs 'serve'.");
        foreach (var verb in Verbs) root.Subcommands.Add(verb());
        return root.Parse(WithDefaultVerb(root, args)).InvokeAsync();
    }

    private static string[] WithDefaultVerb(RootCommand root, string[] args) =>
        args is [var first, ..] && (root.Subcommands.Any(verb => verb.Name == first) || first is "-h" or "-?" or "--help" or "--version")
            ? args
            : [ServeCommand.Name, .. args];
}

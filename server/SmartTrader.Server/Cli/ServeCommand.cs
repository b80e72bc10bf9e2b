using System.CommandLine;
using Microsoft.Extensions.Options;
using SmartTrader.Server.Hosting;

namespace SmartTrader.Server.Cli;

internal static class ServeCommand
{
    public const string Name = "serve";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated (embedded default: http://localhost:5000)." };
        var storage = new Option<string>("--storage") { Description = "Grain storage: sqlite (default) or postgres." };
        storage.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string>("--connection") { Description = "PostgreSQL connection string (with --storage postgres)." };
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for the SQLite database, keys and logs (default ./.data; logs ./logs)." };
        var seed = new Option<bool>("--seed") { Description = "Seed the demo users and account (default: on in embedded mode only)." };
        var cluster = new Option<bool>("--cluster") { Description = "Join a cluster of silos sharing the PostgreSQL database (needs --storage postgres)." };
        var siloPort = new Option<int?>("--silo-port") { Description = "Cluster: the port this silo listens on for other silos (Cluster:Port, default 11111)." };
        var siloHost = new Option<string>("--silo-host") { Description = "Cluster: the address other silos reach this one at (Cluster:Host, default the host name)." };
        var config = new Option<FileInfo>("--config") { Description = "An extra JSON configuration file (same keys as appsettings.json)." };
        config.AcceptExistingOnly();

        var command = new Command(Name, "Run the server (the default verb). Other configuration keys may follow as --Section:Key=value.")
        {
            urls, storage, connection, dataDir, seed, cluster, siloPort, siloHost, config,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(urls) is { } u) overrides["urls"] = u;
            if (parseResult.GetValue(storage) is { } s) overrides["SmartTrader:Storage"] = s;
            if (parseResult.GetValue(connection) is { } c) overrides["SmartTrader:ConnectionString"] = c;
            if (parseResult.GetValue(dataDir) is { } d) overrides["SmartTrader:DataDir"] = d;
            if (parseResult.GetResult(seed) is { Implicit: false }) overrides["SmartTrader:Seed"] = parseResult.GetValue(seed).ToString();
            if (parseResult.GetResult(cluster) is { Implicit: false }) overrides["SmartTrader:Cluster"] = parseResult.GetValue(cluster).ToString();
            if (parseResult.GetValue(siloPort) is { } p) overrides["Cluster:Port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (parseResult.GetValue(siloHost) is { } h) overrides["Cluster:Host"] = h;

            try
            {
                await using var app = ServerApp.Build([.. parseResult.UnmatchedTokens], overrides, parseResult.GetValue(config)?.FullName);
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (ValidationFailures(e) is { } failures)
            {
                await Console.Error.WriteLineAsync("smarttrader: cannot start, the configuration is invalid:");
                foreach (var failure in failures) await Console.Error.WriteLineAsync("  - " + failure);
                return 2;
            }
        });
        return command;
    }

    /// <summary>
    /// Options are checked twice: the server's own before the host is built, the others' as the host starts, where
    /// several failing at once arrive together.
    /// </summary>
    private static IReadOnlyList<string>? ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };
}

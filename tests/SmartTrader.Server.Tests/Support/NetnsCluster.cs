using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// Three silos of the real server, each in its own network namespace ("host"), on a bridge with a PostgreSQL of their
/// own: deploy/local-cluster-netns.sh, driven with names, a subnet, a PostgreSQL port and a state directory that belong
/// to this instance only, running the server build next to the tests. Needs root (<see cref="NetworkNamespaces"/>).
/// Disposing takes everything down, whatever state the test left it in.
/// </summary>
public sealed class NetnsCluster : IAsyncDisposable
{
    public const string AdminUser = "root";
    public const string AdminPassword = "netns-test-admin-password";
    public static readonly int[] Hosts = [1, 2, 3];

    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _environment;
    private bool _succeeded;

    private NetnsCluster(ITestOutputHelper output, string prefix, string subnet, int postgresPort, string state)
    {
        _output = output;
        Prefix = prefix;
        Subnet = subnet;
        PostgresPort = postgresPort;
        StateDirectory = state;
        _environment = new Dictionary<string, string>
        {
            ["SMARTTRADER_CLUSTER_DIR"] = state,
            ["SMARTTRADER_NETNS_PREFIX"] = prefix,
            ["SMARTTRADER_NETNS_SUBNET"] = subnet,
            ["SMARTTRADER_CLUSTER_PG_PORT"] = postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMARTTRADER_SERVER_DLL"] = ServerProcess.ServerDll,
            ["SMARTTRADER_ADMIN_USER"] = AdminUser,
            ["SMARTTRADER_ADMIN_PASSWORD"] = AdminPassword,
        };
        // The script runs the server with the dotnet on PATH: make it the one running these tests.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet)
            _environment["PATH"] = Path.GetDirectoryName(dotnet) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
    }

    public string Prefix { get; }
    public string Subnet { get; }
    public int PostgresPort { get; }
    public string StateDirectory { get; }

    /// <summary>The cluster's database, from the machine's side of the bridge.</summary>
    public string PostgresConnectionString => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database=postgres;Pooling=false";

    // The script's conventions (its header): host N is <prefix>-hostN at <subnet>.1N, its API on port 500N.
    public string Namespace(int host) => $"{Prefix}-host{host}";
    public string Address(int host) => $"{Subnet}.1{host}";
    public Uri Api(int host) => new($"http://{Address(host)}:500{host}");

    public int HostOf(string siloAddress) => Hosts.Single(h => siloAddress.StartsWith(Address(h) + ":", StringComparison.Ordinal));

    /// <summary>Brings the cluster up: all three silos ready. Takes it down again if that fails.</summary>
    public static async Task<NetnsCluster> StartAsync(ITestOutputHelper output)
    {
        var state = Directory.CreateTempSubdirectory("smarttrader-netns-").FullName;
        // PostgreSQL runs as the postgres user, who must be able to enter the state directory.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var cluster = new NetnsCluster(output, $"stt{Random.Shared.Next(0x10000):x4}", FreeSubnet(), ServerProcess.FreePort(), state);
        try
        {
            await cluster.RunScriptAsync(TimeSpan.FromMinutes(3), "up");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task CutAsync(int host) => RunScriptAsync(TimeSpan.FromSeconds(30), "cut", host.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Puts the host back; waits for its silo to serve again or, declared dead meanwhile, to stop itself (stopping it if
    /// it does neither), then, as its supervisor would, starts a new one and waits until it is ready.
    /// </summary>
    public Task HealAsync(int host) => RunScriptAsync(TimeSpan.FromMinutes(3), "heal", host.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The process id of host N's silo, as the script recorded it when it started the silo.</summary>
    public int SiloPid(int host) => int.Parse(File.ReadAllText(Path.Combine(StateDirectory, $"silo{host}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public string SiloLog(int host)
    {
        var path = Path.Combine(StateDirectory, $"silo{host}.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
    }

    /// <summary>Whether the process exists and has not exited (an exited process not yet reaped is a zombie: not running).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A request sent from inside host N's namespace (with curl), the only place a cut-off host can still be reached
    /// from. Null status when no answer came within the timeout.
    /// </summary>
    public async Task<(HttpStatusCode? Status, string Body)> SendFromInsideAsync(
        int host, HttpMethod method, string path, string? bearerToken = null, string? json = null, TimeSpan? timeout = null)
    {
        var seconds = (timeout ?? TimeSpan.FromSeconds(3)).TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        List<string> arguments = ["netns", "exec", Namespace(host), "curl", "-s", "-m", seconds, "-X", method.Method, "-w", "\n%{http_code}"];
        if (bearerToken is not null) arguments.AddRange(["-H", $"Authorization: Bearer {bearerToken}"]);
        if (json is not null) arguments.AddRange(["-H", "Content-Type: application/json", "--data-binary", json]);
        arguments.Add(new Uri(Api(host), path).ToString());
        var (_, output) = await RunAsync("ip", arguments, TimeSpan.FromSeconds(30));
        var lastLine = output.LastIndexOf('\n');
        var code = int.Parse(output[(lastLine + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (code == 0 ? null : (HttpStatusCode)code, lastLine < 0 ? "" : output[..lastLine]);
    }

    /// <summary>Stops the silos and PostgreSQL, deletes the namespaces and the bridge (the script's down).</summary>
    public Task DownAsync() => RunScriptAsync(TimeSpan.FromMinutes(2), "down");

    /// <summary>What of this cluster is still on the machine: namespaces, links (veths, bridge), silo and PostgreSQL processes.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var (_, namespaces) = await RunAsync("ip", ["netns", "list"], TimeSpan.FromSeconds(10));
        var (_, links) = await RunAsync("ip", ["-br", "link"], TimeSpan.FromSeconds(10));
        var processes = Directory.GetDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out var pid) && IsRunning(pid) && CommandLine(d).Contains(StateDirectory, StringComparison.Ordinal))
            .Select(d => $"process {Path.GetFileName(d)}: {CommandLine(d)}");
        return namespaces.Split('\n').Concat(links.Split('\n'))
            .Where(line => line.StartsWith(Prefix + "-", StringComparison.Ordinal))
            .Concat(processes).ToList();
    }

    private static string CommandLine(string procDirectory)
    {
        try { return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    /// <summary>The test got to its end: disposing need not show the silos' logs.</summary>
    public void Succeeded() => _succeeded = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_succeeded)
                foreach (var host in Hosts) _output.WriteLine($"--- silo {host} log (every life, last 200 lines) ---\n{Tail(SiloLog(host), 200)}");
            await DownAsync();
        }
        finally
        {
            try { Directory.Delete(StateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task RunScriptAsync(TimeSpan limit, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync("bash", [Script, .. arguments], limit, _environment);
        _output.WriteLine($"$ local-cluster-netns.sh {string.Join(' ', arguments)}\n{output.TrimEnd()}");
        if (exitCode != 0)
        {
            var logs = string.Join("\n", Hosts.Select(h => $"--- silo {h} log (tail) ---\n{Tail(SiloLog(h), 40)}"));
            throw new InvalidOperationException($"local-cluster-netns.sh {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{logs}");
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string Script { get; } = FindScript();

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "deploy", "local-cluster-netns.sh");
            if (File.Exists(script)) return script;
        }
        throw new FileNotFoundException($"deploy/local-cluster-netns.sh not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>A /24 in 10.200-249.x.0 that no interface address or route of this machine falls in.</summary>
    private static string FreeSubnet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Concat(RouteDestinations())
            .Select(a => string.Join('.', a.GetAddressBytes().Take(3)))
            .ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var subnet = $"10.{200 + Random.Shared.Next(50)}.{Random.Shared.Next(256)}";
            if (!used.Contains(subnet)) return subnet;
        }
    }

    /// <summary>Destinations of the IPv4 routing table (/proc/net/route: hexadecimal, in network byte order).</summary>
    private static IEnumerable<IPAddress> RouteDestinations() =>
        File.ReadLines("/proc/net/route").Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length > 1)
            .Select(fields => new IPAddress(BitConverter.GetBytes(uint.Parse(fields[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture))));

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit}.");
        }
        // A child left running with these pipes open (it should have its own log) must not hang the test.
        await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }
}

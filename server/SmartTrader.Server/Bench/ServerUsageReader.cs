using System.Net.Http.Headers;
using System.Text.Json;

namespace SmartTrader.Server.Bench;

/// <summary>Reads GET /api/cluster from each server under test as an administrator: what its own silo reports of itself.</summary>
public sealed class ServerUsageReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _servers;
    private readonly string _adminUser;
    private readonly string _adminPassword;
    private string? _token;

    public ServerUsageReader(IReadOnlyList<Uri> servers, string adminUser, string adminPassword)
    {
        ArgumentOutOfRangeException.ThrowIfZero(servers.Count);
        (_servers, _adminUser, _adminPassword) = (servers, adminUser, adminPassword);
        _http = new HttpClient { BaseAddress = servers[0], Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The servers' figures summed; the CPU time and allocations since each started.</summary>
    public async Task<ServerUsage> ReadAsync(CancellationToken cancellationToken)
    {
        var usage = ServerUsage.None;
        foreach (var server in _servers)
        {
            using var view = await ViewAsync(server, cancellationToken);
            var local = view.RootElement.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("isLocal").GetBoolean());
            usage = Add(usage, local);
        }
        return usage;
    }

    /// <summary>One server's whole answer to GET /api/cluster.</summary>
    public async Task<JsonDocument> ViewAsync(Uri server, CancellationToken cancellationToken)
    {
        _token ??= await OrderPlacementBench.SignInAsync(_http, _adminUser, _adminPassword, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/api/cluster"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static ServerUsage Add(ServerUsage usage, JsonElement silo)
    {
        var process = silo.GetProperty("process");
        var byMethod = new Dictionary<string, long>(usage.RemoteCallsByMethod, StringComparer.Ordinal);
        if (silo.TryGetProperty("remoteCalls", out var calls) && calls.ValueKind == JsonValueKind.Object)
        {
            foreach (var method in calls.GetProperty("sentByMethod").EnumerateObject())
                byMethod[method.Name] = byMethod.GetValueOrDefault(method.Name) + method.Value.GetInt64();
        }
        return new ServerUsage(
            usage.CpuSeconds + process.GetProperty("cpuSeconds").GetDouble(),
            usage.AllocatedBytes + process.GetProperty("allocatedBytes").GetInt64(),
            usage.Collections + new GcCounts(
                process.GetProperty("gen0Collections").GetInt64(), process.GetProperty("gen1Collections").GetInt64(),
                process.GetProperty("gen2Collections").GetInt64()),
            usage.GcPauseSeconds + process.GetProperty("gcPauseSeconds").GetDouble(),
            usage.Commits + CommitsOf(silo), byMethod.Values.Sum(), byMethod);
    }

    /// <summary>None for a silo on in-memory storage.</summary>
    private static StorageCommits CommitsOf(JsonElement silo) =>
        silo.TryGetProperty("storage", out var storage) && storage.ValueKind == JsonValueKind.Object
            ? new StorageCommits(storage.GetProperty("batches").GetInt64(), storage.GetProperty("rows").GetInt64(), storage.GetProperty("commitSeconds").GetDouble())
            : StorageCommits.None;

    public void Dispose() => _http.Dispose();
}

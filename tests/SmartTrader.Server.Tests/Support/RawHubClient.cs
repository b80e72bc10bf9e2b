using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;

namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a WebSocket (the .NET client package is not available):
/// handshake, invocations with their completions, and the server's pushes by target.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _completions = new();
    private readonly ConcurrentQueue<(string Target, JsonArray Arguments)> _pushes = new();
    private readonly SemaphoreSlim _pushed = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _nextInvocation;

    private RawHubClient(WebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(ReadAsync);
    }

    public static async Task<RawHubClient> ConnectAsync(TestServer server, string path, string accessToken)
    {
        var socket = await server.CreateWebSocketClient()
            .ConnectAsync(new Uri(server.BaseAddress, $"{path}?access_token={Uri.EscapeDataString(accessToken)}"), CancellationToken.None);
        var client = new RawHubClient(socket);
        var handshake = client._completions.GetOrAdd("handshake", _ => NewCompletion());
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var answer = await handshake.Task.WaitAsync(Patience);
        answer.ContainsKey("error").Should().BeFalse(answer.ToJsonString());
        return client;
    }

    /// <summary>Invokes a hub method; returns the error message of its completion, or null when it succeeded.</summary>
    public async Task<string?> InvokeAsync(string target, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = _completions.GetOrAdd(id, _ => NewCompletion());
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var message = await completion.Task.WaitAsync(Patience);
        return message["error"]?.GetValue<string>();
    }

    /// <summary>The first push to <paramref name="target"/> whose first argument satisfies the condition.</summary>
    public async Task<JsonNode> NextPushAsync(string target, Func<JsonNode, bool> matches)
    {
        var deadline = DateTime.UtcNow + Patience;
        var skipped = new List<(string, JsonArray)>();
        try
        {
            while (true)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _pushed.WaitAsync(left)) throw new TimeoutException($"No '{target}' message arrived.");
                _pushes.TryDequeue(out var push);
                if (push.Target == target && push.Arguments[0] is { } first && matches(first)) return first;
                skipped.Add(push);
            }
        }
        finally
        {
            foreach (var push in skipped) { _pushes.Enqueue(push); _pushed.Release(); }
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var frames = text.ToString().Split(RecordSeparator);
                text.Clear().Append(frames[^1]);
                foreach (var frame in frames[..^1]) Dispatch(JsonNode.Parse(frame)!.AsObject());
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    private void Dispatch(JsonObject message)
    {
        switch (message["type"]?.GetValue<int>())
        {
            case null:
                _completions.GetOrAdd("handshake", _ => NewCompletion()).TrySetResult(message);
                break;
            case 1:
                _pushes.Enqueue((message["target"]!.GetValue<string>(), message["arguments"]!.AsArray()));
                _pushed.Release();
                break;
            case 3:
                _completions.GetOrAdd(message["invocationId"]!.GetValue<string>(), _ => NewCompletion()).TrySetResult(message);
                break;
        }
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static TaskCompletionSource<JsonObject> NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { }
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }
}

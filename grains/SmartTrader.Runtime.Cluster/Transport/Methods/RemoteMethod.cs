using System.Text;
using System.Text.Json;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A grain method as the transport sees it: its key on the wire, and how its arguments and result are written as JSON
/// by their declared types. <see cref="CancellationToken"/> parameters are not sent: the callee passes a token that
/// the caller's cancellation, its deadline or a lost connection cancels.
/// </summary>
internal abstract class RemoteMethod
{
    private readonly Type[] _parameterTypes;
    private readonly bool[] _isToken;
    private readonly int _sentCount;
    private long _calls;

    protected RemoteMethod(GrainMethod method)
    {
        GrainMethod = method;
        Key = MethodKeys.Of(method.Method);
        KeyUtf8 = Encoding.UTF8.GetBytes(Key);
        _parameterTypes = method.Method.GetParameters().Select(p => p.ParameterType).ToArray();
        _isToken = _parameterTypes.Select(t => t == typeof(CancellationToken)).ToArray();
        _sentCount = _isToken.Count(isToken => !isToken);
        TakesCancellation = _sentCount < _parameterTypes.Length;
    }

    public GrainMethod GrainMethod { get; }
    public string Key { get; }
    public byte[] KeyUtf8 { get; }
    public bool TakesCancellation { get; }

    /// <summary>Calls sent with this method (outgoing instances) or received for it (incoming ones) since the silo started.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public void Counted() => Interlocked.Increment(ref _calls);

    public static RemoteMethod For(GrainMethod method)
    {
        var resultType = method.GetType().GetGenericArguments()[0];
        return (RemoteMethod)Activator.CreateInstance(typeof(RemoteMethod<>).MakeGenericType(resultType), method)!;
    }

    /// <summary>
    /// Sends the call and returns a task of the method's return type; <paramref name="placement"/>, when given, forgets
    /// the silo as the grain's holder if it turns out gone.
    /// </summary>
    public abstract Task Call(
        TransportClient client, RemoteSilo silo, GrainId grainId, object?[] arguments, CallContextData? context, ClusterPlacement? placement = null);

    /// <summary>Writes the result of the grain's completed task (nothing for a void method).</summary>
    public abstract void WriteResult(FrameBuffer frame, Task completed, JsonSerializerOptions json);

    /// <summary>The caller's token among the arguments, if the method takes one.</summary>
    public CancellationToken CallerToken(object?[] arguments)
    {
        if (!TakesCancellation) return CancellationToken.None;
        for (var i = 0; i < _isToken.Length; i++)
            if (_isToken[i] && arguments[i] is CancellationToken token && token.CanBeCanceled) return token;
        return CancellationToken.None;
    }

    public void WriteArguments(FrameBuffer frame, object?[] arguments, JsonSerializerOptions json)
    {
        if (_sentCount == 0) return;
        var writer = PooledJsonWriter.Rent(frame);
        writer.WriteStartArray();
        for (var i = 0; i < _parameterTypes.Length; i++)
            if (!_isToken[i]) JsonSerializer.Serialize(writer, arguments[i], _parameterTypes[i], json);
        writer.WriteEndArray();
        PooledJsonWriter.Return(writer);
    }

    public object?[] ReadArguments(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions json, CancellationToken token)
    {
        var arguments = new object?[_parameterTypes.Length];
        if (TakesCancellation)
            for (var i = 0; i < _isToken.Length; i++)
                if (_isToken[i]) arguments[i] = token;
        if (_sentCount == 0) return arguments;

        var reader = new Utf8JsonReader(utf8Json);
        Expect(ref reader, JsonTokenType.StartArray);
        for (var i = 0; i < _parameterTypes.Length; i++)
        {
            if (_isToken[i]) continue;
            reader.Read();
            arguments[i] = JsonSerializer.Deserialize(ref reader, _parameterTypes[i], json);
        }
        Expect(ref reader, JsonTokenType.EndArray);
        return arguments;
    }

    public override string ToString() => Key;

    private void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
            throw new JsonException($"The arguments of {Key} are not a JSON array of {_sentCount} values.");
    }
}

internal sealed class RemoteMethod<TResult>(GrainMethod<TResult> method) : RemoteMethod(method)
{
    private readonly bool _isVoid = method.IsVoid;

    public override Task Call(
        TransportClient client, RemoteSilo silo, GrainId grainId, object?[] arguments, CallContextData? context, ClusterPlacement? placement = null)
    {
        var token = CallerToken(arguments);
        if (token.IsCancellationRequested) return Task.FromCanceled<TResult>(token);
        Counted();
        var call = new PendingCall<TResult>(this, silo.Address, grainId, arguments, context, token, placement);
        client.Send(call, silo);
        return call.Task;
    }

    public override void WriteResult(FrameBuffer frame, Task completed, JsonSerializerOptions json)
    {
        if (_isVoid) return;
        var writer = PooledJsonWriter.Rent(frame);
        JsonSerializer.Serialize(writer, ((Task<TResult>)completed).Result, json);
        PooledJsonWriter.Return(writer);
    }

    public TResult ReadResult(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions json) =>
        _isVoid ? default! : JsonSerializer.Deserialize<TResult>(utf8Json, json)!;
}

using System.Text.Json;

namespace SmartTrader.Runtime.Cluster;

/// <summary>How one exception type crosses silos: what extra data it writes, and how the caller's side rebuilds it.</summary>
internal abstract class ExceptionCodec(Type exceptionType)
{
    public Type ExceptionType { get; } = exceptionType;
    public string TypeName { get; } = exceptionType.FullName!;

    public virtual bool HasPayload => false;

    public virtual void WritePayload(Exception exception, Utf8JsonWriter writer, JsonSerializerOptions json) { }

    /// <param name="payload">Empty when the callee sent none.</param>
    public abstract Exception Create(string message, Exception? inner, ReadOnlySpan<byte> payload, JsonSerializerOptions json);
}

/// <summary>A type rebuilt from its message (and inner exception) alone.</summary>
internal sealed class MessageOnlyCodec<TException>(Func<string, Exception?, TException> create)
    : ExceptionCodec(typeof(TException)) where TException : Exception
{
    public override Exception Create(string message, Exception? inner, ReadOnlySpan<byte> payload, JsonSerializerOptions json) =>
        create(message, inner);
}

/// <summary>A type whose extra data travels as a JSON <typeparamref name="TPayload"/>.</summary>
internal sealed class PayloadCodec<TException, TPayload>(
    Func<TException, TPayload> payloadOf, Func<string, TPayload, TException> create)
    : ExceptionCodec(typeof(TException)) where TException : Exception
{
    public override bool HasPayload => true;

    public override void WritePayload(Exception exception, Utf8JsonWriter writer, JsonSerializerOptions json) =>
        JsonSerializer.Serialize(writer, payloadOf((TException)exception), json);

    public override Exception Create(string message, Exception? inner, ReadOnlySpan<byte> payload, JsonSerializerOptions json)
    {
        if (payload.IsEmpty) throw new JsonException($"The remote {TypeName} arrived without its payload.");
        var data = JsonSerializer.Deserialize<TPayload>(payload, json)
            ?? throw new JsonException($"The remote {TypeName} arrived with a null payload.");
        return create(message, data);
    }
}

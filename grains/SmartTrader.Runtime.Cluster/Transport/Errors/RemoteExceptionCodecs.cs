using System.Reflection;
using SmartTrader.Runtime.Storage;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The exception types a caller rebuilds from a remote failure, by full type name. Any other type arrives as a
/// <see cref="RemoteGrainException"/> carrying the remote type name and message. Common framework exceptions, the
/// transport's own and the storage's <see cref="GrainStorageException"/> are known from the start; register
/// application types with <see cref="Allow{TException}()"/> (message only) or <see cref="Add{TException, TPayload}"/>
/// (extra data as JSON). Both silos must register the same.
/// </summary>
public sealed class RemoteExceptionCodecs
{
    private readonly Dictionary<Type, ExceptionCodec> _byType = [];
    private readonly Dictionary<string, ExceptionCodec> _byName = new(StringComparer.Ordinal);

    public RemoteExceptionCodecs()
    {
        Allow((m, i) => new Exception(m, i));
        Allow((m, i) => new ArgumentException(m, i));
        Allow((m, i) => new ArgumentNullException(m, i));
        Allow((m, i) => new ArgumentOutOfRangeException(m, i));
        Allow((m, i) => new InvalidOperationException(m, i));
        Allow((m, i) => new NotSupportedException(m, i));
        Allow((m, i) => new NotImplementedException(m, i));
        Allow((m, i) => new KeyNotFoundException(m, i));
        Allow((m, i) => new TimeoutException(m, i));
        Allow((m, i) => new FormatException(m, i));
        Allow((m, i) => new InvalidCastException(m, i));
        Allow((m, i) => new ArithmeticException(m, i));
        Allow((m, i) => new DivideByZeroException(m, i));
        Allow((m, i) => new OverflowException(m, i));
        Allow((m, i) => new IndexOutOfRangeException(m, i));
        Allow((m, i) => new UnauthorizedAccessException(m, i));
        Allow((m, i) => new ObjectDisposedException(m, i));
        Allow((m, i) => new OperationCanceledException(m, i));
        Allow((m, i) => new TaskCanceledException(m, i));
        Allow((m, i) => new System.Text.Json.JsonException(m, i));
        Allow((m, _) => new SiloNotServingException(m));
        Allow((m, _) => new MessageTooLargeException(m));
        Allow((m, i) => new GrainStorageException(m, i));
        Add<SiloUnavailableException, string>(e => e.Silo.Value, (m, silo) => new SiloUnavailableException(new SiloAddress(silo), m));
        Add<NotThisSiloException, string[]>(
            e => [e.Target.Value, e.Actual.Value],
            (_, a) => new NotThisSiloException(new SiloAddress(a[0]), new SiloAddress(a[1])));
    }

    /// <summary>Rebuilds <typeparamref name="TException"/> through its (string message) constructor, or (string, Exception) when it has one.</summary>
    public RemoteExceptionCodecs Allow<TException>() where TException : Exception
    {
        var withInner = typeof(TException).GetConstructor([typeof(string), typeof(Exception)]);
        if (withInner is not null)
            return Allow((m, i) => (TException)withInner.Invoke([m, i]));
        var messageOnly = typeof(TException).GetConstructor([typeof(string)])
            ?? throw new ArgumentException($"{typeof(TException).FullName} has no public (string message) constructor; register it with Add<TException, TPayload>.");
        return Allow((m, _) => (TException)messageOnly.Invoke([m]));
    }

    /// <summary>Rebuilds <typeparamref name="TException"/> with <paramref name="create"/> (message, inner exception).</summary>
    public RemoteExceptionCodecs Allow<TException>(Func<string, Exception?, TException> create) where TException : Exception =>
        Register(new MessageOnlyCodec<TException>(create));

    /// <summary>
    /// Lets <typeparamref name="TException"/> carry extra data: the callee serializes <paramref name="payloadOf"/>'s result
    /// as JSON, the caller rebuilds the exception from the message and that payload.
    /// </summary>
    public RemoteExceptionCodecs Add<TException, TPayload>(Func<TException, TPayload> payloadOf, Func<string, TPayload, TException> create)
        where TException : Exception =>
        Register(new PayloadCodec<TException, TPayload>(payloadOf, create));

    internal ExceptionCodec? ForType(Type type) => _byType.GetValueOrDefault(type);

    internal ExceptionCodec? ForName(string typeName) => _byName.GetValueOrDefault(typeName);

    private RemoteExceptionCodecs Register(ExceptionCodec codec)
    {
        _byType[codec.ExceptionType] = codec;
        _byName[codec.TypeName] = codec;
        return this;
    }
}

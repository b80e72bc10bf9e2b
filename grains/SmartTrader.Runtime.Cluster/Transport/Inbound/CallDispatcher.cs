using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Turns a request frame into a call on the local catalog: checks that it is addressed to this silo's current
/// generation, resolves the method among the registered grain interfaces, reads the arguments by their declared types,
/// and queues the call. Anything wrong with the request is answered at once, without invoking anything. In a cluster
/// silo calls go through <see cref="InboundGrainCalls"/> (a silo that is not serving refuses them); a bare transport
/// hands them to the catalog.
/// </summary>
internal sealed class CallDispatcher(
    GrainCatalog catalog, RemoteMethods methods, ILocalSilo localSilo, TimeProvider time,
    IOptions<ClusterTransportOptions> options, ILogger<CallDispatcher> logger, IServiceProvider services)
{
    private readonly InboundGrainCalls? _inbound = services.GetService<InboundGrainCalls>();
    private readonly MembershipAgent? _membership = services.GetService<MembershipAgent>();
    private LocalWireAddress _local = new("", []);

    public ClusterTransportOptions Options { get; } = options.Value;
    public ILogger Logger { get; } = logger;

    public SiloAddress LocalAddress => localSilo.Address;

    public bool IsThisSilo(ReadOnlySpan<byte> targetUtf8)
    {
        var current = localSilo.Address.Value;
        var local = _local;
        if (!ReferenceEquals(local.Text, current)) _local = local = new LocalWireAddress(current, Encoding.UTF8.GetBytes(current));
        return targetUtf8.SequenceEqual(local.Utf8);
    }

    /// <summary>How to answer a ping for <paramref name="targetUtf8"/>: another generation, not serving, or alive and serving.</summary>
    public ResponseStatus PingStatus(ReadOnlySpan<byte> targetUtf8) =>
        !IsThisSilo(targetUtf8) ? ResponseStatus.NotThisSilo
        : _inbound is { IsServing: false } ? ResponseStatus.NotServing
        : ResponseStatus.Ok;

    /// <summary>Re-reads the membership table now, when this silo is in a cluster (a bare transport has none); false when the read failed.</summary>
    public Task<bool> RereadMembershipAsync() => _membership?.RereadAsync() ?? Task.FromResult(true);

    public void Receive(InboundConnection connection, ref FrameReader reader)
    {
        var id = reader.ReadInt64();
        var timeoutMilliseconds = reader.ReadInt32();
        reader.TryReadUtf8(out var target);
        if (!IsThisSilo(target))
        {
            connection.Send(Responses.NotThisSilo(id, LocalAddress));
            return;
        }

        var grainId = new GrainId(reader.ReadRequiredString(), reader.ReadRequiredString());
        reader.TryReadUtf8(out var methodKey);
        var correlationId = reader.ReadString();
        var user = reader.ReadString();
        if (!methods.TryFind(methodKey, out var method))
        {
            Refuse(connection, id, new NotSupportedException(
                $"Silo {LocalAddress} has no grain method {Encoding.UTF8.GetString(methodKey)} among its registered grain interfaces."));
            return;
        }
        method.Counted();
        if (timeoutMilliseconds == 0)
        {
            Refuse(connection, id, new TimeoutException($"Call to {method.GrainMethod} on grain {grainId} arrived after its deadline."));
            return;
        }

        var cancellation = method.TakesCancellation ? CancellationFor(timeoutMilliseconds) : null;
        object?[] arguments;
        try
        {
            arguments = method.ReadArguments(reader.Rest, Options.Json, cancellation?.Token ?? CancellationToken.None);
        }
        catch (Exception e)
        {
            cancellation?.Dispose();
            Refuse(connection, id, e);
            return;
        }

        var context = correlationId is null && user is null ? null : new CallContextData(correlationId, user);
        var timeout = timeoutMilliseconds == WireProtocol.NoDeadline ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeoutMilliseconds);
        var call = new IncomingCall(connection, this, id, grainId, method, arguments, context, cancellation, timeout);
        if (cancellation is not null) connection.Track(call);
        ThreadPool.UnsafeQueueUserWorkItem(call, preferLocal: false);
    }

    /// <summary>Runs a received call under the current call context; the task faults, never throws.</summary>
    public Task Invoke(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        if (_inbound is not null) return _inbound.Invoke(grainId, method, arguments);
        try
        {
            return catalog.Invoke(grainId, method, arguments);
        }
        catch (Exception e)
        {
            return method.Failed(e);
        }
    }

    /// <summary>The silo hosting the grain when this one only passes its calls on; always null for a bare transport.</summary>
    public SiloAddress? HolderElsewhere(GrainId grainId) => _inbound?.HolderElsewhere(grainId);

    /// <summary>Builds the key index up front, so the first call does not pay for it.</summary>
    public void Prepare() => methods.Prepare();

    private CancellationTokenSource CancellationFor(int timeoutMilliseconds) =>
        timeoutMilliseconds == WireProtocol.NoDeadline
            ? new CancellationTokenSource()
            : new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMilliseconds), time);

    private void Refuse(InboundConnection connection, long id, Exception reason)
    {
        Logger.RequestRefused(reason.Message);
        connection.Send(Responses.Error(id, reason, Options));
    }

    /// <summary>The local address and its wire bytes, swapped as one reference when the address changes.</summary>
    private sealed record LocalWireAddress(string Text, byte[] Utf8);
}

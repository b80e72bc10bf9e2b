using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The outbound half of the transport: numbers operations, finds or opens the connection to the target's endpoint,
/// and sends. Calls get the silo's call timeout as their deadline; the callee is told it.
/// </summary>
internal sealed class TransportClient(
    IOptions<ClusterTransportOptions> options, IOptions<SiloOptions> siloOptions, SiloHandshake handshake, TimeProvider time,
    ILogger<TransportClient> logger)
    : ISiloDeathObserver
{
    private readonly ConcurrentDictionary<string, RemoteSilo> _silos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Host, int Port), PeerLink> _links = new();
    private long _lastId;

    public ClusterTransportOptions Options { get; } = options.Value;
    public SiloHandshake Handshake { get; } = handshake;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;
    public TimeSpan CallTimeout { get; } = siloOptions.Value.CallTimeout;

    /// <summary>How often connections look for calls whose deadline passed: a tenth of the call timeout, 10 ms to 1 s.</summary>
    public TimeSpan ExpiryCheck { get; } = TimeSpan.FromTicks(Math.Clamp(
        siloOptions.Value.CallTimeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));

    public RemoteSilo SiloOf(SiloAddress address) =>
        _silos.TryGetValue(address.Value, out var silo) ? silo : _silos.GetOrAdd(address.Value, CreateSilo);

    public void Send(PendingOperation operation, RemoteSilo silo)
    {
        operation.Id = Interlocked.Increment(ref _lastId);
        operation.SetDeadline(CallTimeout, Time);
        if (silo.Link.Current is { } connection) connection.Send(operation, silo);
        else _ = ConnectThenSendAsync(operation, silo);
    }

    /// <summary>What the silo (that generation) answers a ping within <paramref name="timeout"/>; <see cref="ProbeAnswer.NoAnswer"/> when nothing.</summary>
    public Task<ProbeAnswer> PingAsync(SiloAddress address, TimeSpan timeout, CancellationToken cancellationToken) =>
        PingAsync(FrameKind.Ping, address, timeout, cancellationToken);

    /// <summary>
    /// Asks the silo to re-read the membership table now instead of at its next heartbeat; the answer (as for a ping)
    /// comes once it has read it, <see cref="ProbeAnswer.Serving"/> only when the read succeeded.
    /// </summary>
    public Task<ProbeAnswer> AskToRereadMembershipAsync(SiloAddress address, TimeSpan timeout, CancellationToken cancellationToken) =>
        PingAsync(FrameKind.RereadMembership, address, timeout, cancellationToken);

    private async Task<ProbeAnswer> PingAsync(FrameKind kind, SiloAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        RemoteSilo silo;
        OutboundConnection connection;
        try
        {
            silo = SiloOf(address);
            connection = silo.Link.Current ?? await silo.Link.ConnectAsync(
                address, respectBackoff: false, Min(timeout, Options.ConnectTimeout), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SiloUnavailableException or FormatException)
        {
            return ProbeAnswer.NoAnswer;
        }

        var remaining = timeout - Time.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero) return ProbeAnswer.NoAnswer;
        var ping = new PendingPing(address, kind) { Id = Interlocked.Increment(ref _lastId) };
        ping.SetDeadline(remaining, Time);
        connection.Send(ping, silo);
        try
        {
            return await ping.Answer.WaitAsync(remaining, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return ProbeAnswer.NoAnswer;
        }
        finally
        {
            connection.Forget(ping);
        }
    }

    public void OnSiloDeclaredDead(ClusterSiloAddress silo)
    {
        var address = silo.ToSiloAddress();
        if (_silos.TryGetValue(address.Value, out var remote))
            remote.Link.Current?.Abandon(address, $"Silo {address} was declared dead; the call was abandoned without its answer.");
    }

    /// <summary>Closes every outbound connection; their pending calls fail with <see cref="SiloUnavailableException"/>.</summary>
    public void CloseAll()
    {
        foreach (var link in _links.Values) link.Close();
    }

    private async Task ConnectThenSendAsync(PendingOperation operation, RemoteSilo silo)
    {
        try
        {
            var connection = await silo.Link.ConnectAsync(silo.Address, respectBackoff: true, Options.ConnectTimeout, CancellationToken.None)
                .ConfigureAwait(false);
            connection.Send(operation, silo);
        }
        catch (Exception e)
        {
            operation.Fail(e as SiloUnavailableException
                ?? new SiloUnavailableException(silo.Address, $"Could not reach silo {silo.Address}: {e.Message}", e));
        }
    }

    private RemoteSilo CreateSilo(string address)
    {
        var parsed = ClusterSiloAddress.Parse(new SiloAddress(address));
        var link = _links.GetOrAdd((parsed.Host, parsed.Port), static (endpoint, client) => new PeerLink(endpoint.Host, endpoint.Port, client), this);
        return new RemoteSilo(new SiloAddress(address), parsed, link);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

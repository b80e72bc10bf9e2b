using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>
/// A connection bounds the bytes waiting to be sent (<see cref="ClusterTransportOptions.MaxQueuedSendBytes"/>): a peer
/// that stops reading gets its connection closed instead of an ever-growing queue. Real loopback sockets, no TLS.
/// </summary>
public class SendQueueLimitTests
{
    private const int FrameBytes = 60_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static ClusterTransportOptions SmallLimits() => new() { MaxFrameBytes = 64 * 1024, MaxQueuedSendBytes = 1024 * 1024 };

    [Fact]
    public async Task A_peer_that_stops_reading_has_its_connection_closed_once_the_queue_would_pass_the_limit()
    {
        var options = SmallLimits();
        using var sockets = await LoopbackPair.OpenAsync();
        var connection = new ProbeConnection(sockets.Near, options);
        connection.Start();

        // The far end never reads: the kernel's buffers fill first, then the connection's queue.
        long largestQueue = 0;
        var accepted = 0;
        while (accepted < 20_000 && connection.Send(Frame(FrameBytes)))
        {
            accepted++;
            largestQueue = Math.Max(largestQueue, connection.QueuedBytes);
        }

        await connection.Closed.Within(Patience);
        accepted.Should().BeLessThan(20_000, "the connection refused a frame once its queue was full");
        largestQueue.Should().BeLessThanOrEqualTo(options.MaxQueuedSendBytes);
        largestQueue.Should().BeGreaterThan(options.MaxQueuedSendBytes - 2 * FrameBytes, "frames queued up to the limit before it closed");
        connection.Reason.Should().BeOfType<IOException>()
            .Which.Message.Should().Contain("MaxQueuedSendBytes").And.Contain(connection.RemoteEndPoint);
        connection.CloseReason.Should().BeSameAs(connection.Reason);
        connection.Send(Frame(10)).Should().BeFalse("a closed connection takes nothing more");
    }

    [Fact]
    public async Task A_peer_that_reads_takes_many_times_the_limit_through_one_connection()
    {
        var options = SmallLimits();
        using var sockets = await LoopbackPair.OpenAsync();
        var connection = new ProbeConnection(sockets.Near, options);
        connection.Start();
        const int bursts = 24, framesPerBurst = 8;
        var expected = (long)bursts * framesPerBurst * (FrameBytes + WireProtocol.LengthPrefixBytes + 1);
        var reading = sockets.ReadFarEndAsync(expected);

        for (var burst = 0; burst < bursts; burst++)
        {
            for (var i = 0; i < framesPerBurst; i++) connection.Send(Frame(FrameBytes)).Should().BeTrue();
            // Each burst is under half the limit; the queue must be empty again before the next, or it never shrinks.
            await Eventually.WaitUntilAsync(() => connection.QueuedBytes == 0, Patience, "the queue drains after each burst");
        }

        (await reading.Within(Patience)).Should().Be(expected);
        expected.Should().BeGreaterThan(5 * options.MaxQueuedSendBytes);
        connection.IsClosed.Should().BeFalse();
    }

    [Fact]
    public async Task A_call_sent_after_the_limit_closed_the_connection_fails_with_that_reason()
    {
        using var sockets = await LoopbackPair.OpenAsync();
        var near = sockets.Near;
        var connection = new OutboundConnection(near, new NetworkStream(near, ownsSocket: false), "peer:1", SmallLimits(),
            TimeProvider.System, TimeSpan.FromMinutes(1), NullLogger.Instance);
        connection.Start();
        var silo = new SiloAddress("127.0.0.1:1@1");
        var target = new RemoteSilo(silo, ClusterSiloAddress.Parse(silo), link: null!);

        var sent = 0L;
        while (!connection.IsClosed && sent < 20_000) connection.Send(new FrameOperation(silo) { Id = ++sent }, target);
        await connection.Closed.Within(Patience);
        var late = new FrameOperation(silo) { Id = ++sent };
        connection.Send(late, target);

        late.Failure.Should().BeOfType<SiloUnavailableException>()
            .Which.Message.Should().Contain("MaxQueuedSendBytes", "a sender that finds the connection closed learns why");
    }

    [Fact]
    public async Task A_silo_whose_send_queue_limit_is_below_its_frame_limit_refuses_to_start()
    {
        var refusal = await RefusalToStartAsync(o =>
        {
            o.MaxFrameBytes = 1024 * 1024;
            o.MaxQueuedSendBytes = 1024 * 1024 + WireProtocol.LengthPrefixBytes - 1;
        });

        refusal.Should().Contain("MaxQueuedSendBytes").And.Contain("MaxFrameBytes");
    }

    [Fact]
    public async Task A_silo_whose_frame_limit_has_no_room_for_a_shortened_error_refuses_to_start()
    {
        var refusal = await RefusalToStartAsync(o => o.MaxFrameBytes = ClusterTransportOptions.MinimumFrameBytes - 1);

        refusal.Should().Contain("MaxFrameBytes").And.Contain(ClusterTransportOptions.MinimumFrameBytes.ToString("N0"));
    }

    private static async Task<string> RefusalToStartAsync(Action<ClusterTransportOptions> configure)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddGrainRuntime().UseInMemoryStorage().AddClusterTransport(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = 0;
                o.Secret = TestClusterSecret.Value;
                configure(o);
            }))
            .Build();

        return (await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<OptionsValidationException>()).Which.Message;
    }

    private static FrameBuffer Frame(int bodyBytes)
    {
        var frame = FrameBuffer.Start(FrameKind.Cancel);
        frame.GetSpan(bodyBytes)[..bodyBytes].Fill(0x5a);
        frame.Advance(bodyBytes);
        return frame;
    }

    /// <summary>An operation that sends one large frame and records how it failed.</summary>
    private sealed class FrameOperation(SiloAddress target) : PendingOperation(target)
    {
        public Exception? Failure { get; private set; }

        public override FrameBuffer BuildFrame(RemoteSilo silo, int timeoutMilliseconds, ClusterTransportOptions options) => Frame(FrameBytes);

        public override void Complete(ResponseStatus status, ref FrameReader reader, ClusterTransportOptions options) { }

        public override void Fail(Exception reason) => Failure = reason;

        public override void TimedOut() { }
    }

    /// <summary>Sends only; records why it closed.</summary>
    private sealed class ProbeConnection(Socket socket, ClusterTransportOptions options)
        : FrameConnection(socket, new NetworkStream(socket, ownsSocket: false), options)
    {
        public Exception? Reason { get; private set; }

        protected override void OnFrame(FrameKind kind, ReadOnlySpan<byte> body) { }

        protected override void OnClosed(Exception? reason) => Reason = reason;
    }

    /// <summary>Two ends of one TCP connection on loopback.</summary>
    private sealed class LoopbackPair(Socket near, Socket far) : IDisposable
    {
        public Socket Near { get; } = near;

        public static async Task<LoopbackPair> OpenAsync()
        {
            using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var near = new Socket(SocketType.Stream, ProtocolType.Tcp);
            var accepting = listener.AcceptAsync();
            await near.ConnectAsync(listener.LocalEndPoint!);
            return new LoopbackPair(near, await accepting);
        }

        /// <summary>Reads from the far end until <paramref name="bytes"/> have arrived or the sender hangs up.</summary>
        public async Task<long> ReadFarEndAsync(long bytes)
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            while (total < bytes)
            {
                var read = await far.ReceiveAsync(buffer);
                if (read == 0) break;
                total += read;
            }
            return total;
        }

        public void Dispose()
        {
            Near.Dispose();
            far.Dispose();
        }
    }
}

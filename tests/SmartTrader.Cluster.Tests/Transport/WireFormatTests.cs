using System.Net.Sockets;
using SmartTrader.Runtime.Cluster;
using SmartTrader.TestSupport;

namespace SmartTrader.Cluster.Tests.Transport;

public class WireFormatTests
{
    [Fact]
    public void Strings_round_trip_including_null_empty_long_and_non_ascii()
    {
        var longText = new string('x', 300);
        var frame = FrameBuffer.Start(FrameKind.Request);
        frame.WriteInt64(long.MaxValue - 3);
        frame.WriteString(null);
        frame.WriteString("");
        frame.WriteString("Zürich €");
        frame.WriteString(longText);
        frame.WriteInt32(-1);

        var bytes = frame.Complete().ToArray();
        frame.Release();

        BitConverter.ToInt32(bytes, 0).Should().Be(bytes.Length - WireProtocol.LengthPrefixBytes);
        bytes[4].Should().Be((byte)FrameKind.Request);
        var reader = new FrameReader(bytes.AsSpan(5));
        reader.ReadInt64().Should().Be(long.MaxValue - 3);
        reader.ReadString().Should().BeNull();
        reader.ReadString().Should().Be("");
        reader.ReadString().Should().Be("Zürich €");
        reader.ReadString().Should().Be(longText);
        reader.ReadInt32().Should().Be(-1);
        reader.Rest.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void A_method_key_names_the_interface_the_method_and_its_parameter_types_without_assemblies()
    {
        MethodKeys.Of(typeof(IValuesGrain).GetMethod(nameof(IValuesGrain.Describe))!)
            .Should().Be("SmartTrader.Cluster.Tests.Transport.IValuesGrain.Describe(SmartTrader.Cluster.Tests.Transport.Quote,System.Decimal)");
        MethodKeys.Of(typeof(IValuesGrain).GetMethod(nameof(IValuesGrain.MaybeNumber))!)
            .Should().Be("SmartTrader.Cluster.Tests.Transport.IValuesGrain.MaybeNumber(System.Nullable<System.Int32>)");
        MethodKeys.Of(typeof(IValuesGrain).GetMethod(nameof(IValuesGrain.CountWords))!)
            .Should().Be("SmartTrader.Cluster.Tests.Transport.IValuesGrain.CountWords(System.String[])");
    }

    [Fact]
    public async Task A_listener_hangs_up_on_a_client_that_does_not_speak_the_protocol()
    {
        var map = new ClusterMap();
        await using var silo = await TestSilo.StartAsync(map, "a");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", silo.ClusterAddress.Port);

        await socket.SendAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        (await HungUp(socket)).Should().BeTrue("the listener closes the connection without answering");
    }

    [Fact]
    public async Task A_listener_hangs_up_on_a_frame_larger_than_allowed()
    {
        var map = new ClusterMap();
        await using var silo = await TestSilo.StartAsync(map, "a");
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", silo.ClusterAddress.Port);

        using var certificate = SiloCertificate.Create();
        await using var tls = await new SiloHandshake(TestClusterSecret.Value, certificate).ConnectAsync(socket, CancellationToken.None);
        await tls.WriteAsync(BitConverter.GetBytes(int.MaxValue));
        (await RawSiloClient.HungUp(tls)).Should().BeTrue();
    }

    /// <summary>True when the peer closed the connection (cleanly, or with a reset because it left our bytes unread).</summary>
    internal static async Task<bool> HungUp(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[64].AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(20)) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}

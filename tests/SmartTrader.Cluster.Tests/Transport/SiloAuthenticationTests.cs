using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Silo connections open only between silos that hold the same Cluster:Transport:Secret (<see cref="SiloHandshake"/>).</summary>
public sealed class SiloAuthenticationTests : IAsyncLifetime
{
    private const string OtherSecret = "another-cluster-entirely-0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly SiloSet _silos = new();

    public Task InitializeAsync() => _silos.InitializeAsync();

    public Task DisposeAsync() => _silos.DisposeAsync();

    private Task<TestSilo> Start(string name, string? secret = null) => _silos.StartAsync(name, secret: secret);

    [Fact]
    public async Task Silos_that_share_the_secret_call_each_other()
    {
        var a = await Start("a");
        await Start("b");

        (await a.Grains.GetGrain<IValuesGrain>("b:shared").Add(2, 3)).Should().Be(5);
    }

    [Fact]
    public async Task A_silo_with_another_secret_reaches_no_grain_and_is_told_why()
    {
        var a = await Start("a");
        var b = await Start("b", OtherSecret);

        var call = () => a.Grains.GetGrain<IValuesGrain>("b:guarded").Touch();

        (await call.Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("Cluster:Transport:Secret");
        b.Listener.ConnectionCount.Should().Be(0);
        (await b.Grains.GetGrain<IValuesGrain>("b:guarded").TouchCount()).Should().Be(0, "the call never ran on b");
    }

    [Fact]
    public async Task A_client_that_cannot_prove_the_secret_is_hung_up_on_before_its_first_frame()
    {
        var silo = await Start("a");
        using var socket = await ConnectAsync(silo.ClusterAddress.Port);

        byte[] hello = [.. WireProtocol.Preamble, .. RandomNumberGenerator.GetBytes(SiloHandshake.NonceBytes)];
        await socket.SendAsync(hello);
        var challenge = new byte[SiloHandshake.NonceBytes + SiloHandshake.ProofBytes];
        (await ReceiveExactly(socket, challenge)).Should().BeTrue("the listener answers with its nonce and its proof");
        await socket.SendAsync(RandomNumberGenerator.GetBytes(SiloHandshake.ProofBytes));

        (await WireFormatTests.HungUp(socket)).Should().BeTrue();
        silo.Listener.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_client_of_the_previous_protocol_version_is_hung_up_on()
    {
        var silo = await Start("a");
        using var socket = await ConnectAsync(silo.ClusterAddress.Port);

        byte[] previousVersion = [.. "STX\u0002"u8, .. new byte[SiloHandshake.NonceBytes]];
        await socket.SendAsync(previousVersion);

        (await WireFormatTests.HungUp(socket)).Should().BeTrue();
        silo.Listener.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_listener_that_cannot_prove_the_secret_is_sent_no_proof_and_no_call()
    {
        var a = await Start("a");
        using var impostor = new TcpListener(IPAddress.Loopback, 0);
        impostor.Start();
        _silos.Map.Set("x", new ClusterSiloAddress("127.0.0.1", ((IPEndPoint)impostor.LocalEndpoint).Port, 1).ToSiloAddress());

        var call = a.Grains.GetGrain<IValuesGrain>("x:secret-seeker").Add(1, 1);
        using var caller = await impostor.AcceptSocketAsync().WaitAsync(Patience);
        var hello = new byte[WireProtocol.Preamble.Length + SiloHandshake.NonceBytes];
        (await ReceiveExactly(caller, hello)).Should().BeTrue();
        await caller.SendAsync(RandomNumberGenerator.GetBytes(SiloHandshake.NonceBytes + SiloHandshake.ProofBytes));

        (await call.Awaiting(c => c).Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("did not prove");
        (await caller.ReceiveAsync(new byte[256].AsMemory()).AsTask().WaitAsync(Patience)).Should().Be(0, "the caller hung up without sending anything more");
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("only-31-characters-0123456789ab", "has 31 characters")]
    public async Task A_silo_without_a_secret_long_enough_refuses_to_start_and_says_which_key_to_set(string? secret, string problem)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddGrainRuntime().UseInMemoryStorage().AddClusterTransport(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = 0;
                o.Secret = secret;
            }))
            .Build();

        (await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Cluster:Transport:Secret").And.Contain(problem);
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        return socket;
    }

    private static async Task<bool> ReceiveExactly(Socket socket, byte[] buffer)
    {
        try
        {
            await new NetworkStream(socket).ReadExactlyAsync(buffer).AsTask().WaitAsync(Patience);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}

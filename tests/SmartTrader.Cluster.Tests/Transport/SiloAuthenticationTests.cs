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
        await using var tls = await RawSiloClient.ConnectTlsAsync(silo.ClusterAddress.Port);

        byte[] hello = [.. WireProtocol.Preamble, .. RandomNumberGenerator.GetBytes(SiloHandshake.NonceBytes)];
        await tls.WriteAsync(hello);
        var challenge = new byte[SiloHandshake.NonceBytes + SiloHandshake.ProofBytes];
        (await RawSiloClient.ReadExactly(tls, challenge)).Should().BeTrue("the listener answers with its nonce and its proof");
        await tls.WriteAsync(RandomNumberGenerator.GetBytes(SiloHandshake.ProofBytes));

        (await RawSiloClient.HungUp(tls)).Should().BeTrue();
        silo.Listener.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_client_of_the_previous_protocol_version_is_hung_up_on()
    {
        var silo = await Start("a");
        await using var tls = await RawSiloClient.ConnectTlsAsync(silo.ClusterAddress.Port);

        byte[] previousVersion = [.. "STX\u0004"u8, .. new byte[SiloHandshake.NonceBytes]];
        await tls.WriteAsync(previousVersion);

        (await RawSiloClient.HungUp(tls)).Should().BeTrue();
        silo.Listener.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_client_that_skips_tls_is_hung_up_on()
    {
        var silo = await Start("a");
        using var socket = await RawSiloClient.ConnectAsync(silo.ClusterAddress.Port);

        byte[] hello = [.. WireProtocol.Preamble, .. RandomNumberGenerator.GetBytes(SiloHandshake.NonceBytes)];
        await socket.SendAsync(hello);

        (await WireFormatTests.HungUp(socket)).Should().BeTrue();
        silo.Listener.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_listener_that_cannot_prove_the_secret_is_sent_no_proof_and_no_call()
    {
        var a = await Start("a");
        await using var impostor = ImpostorSilo.Start();
        _silos.Map.Set("x", new ClusterSiloAddress("127.0.0.1", impostor.Port, 1).ToSiloAddress());

        var call = a.Grains.GetGrain<IValuesGrain>("x:secret-seeker").Add(1, 1);
        await using var caller = await impostor.AcceptTlsAsync();
        var hello = new byte[WireProtocol.Preamble.Length + SiloHandshake.NonceBytes];
        (await RawSiloClient.ReadExactly(caller, hello)).Should().BeTrue();
        await caller.WriteAsync(RandomNumberGenerator.GetBytes(SiloHandshake.NonceBytes + SiloHandshake.ProofBytes));

        (await call.Awaiting(c => c).Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("did not prove");
        (await RawSiloClient.HungUp(caller)).Should().BeTrue("the caller hung up without sending anything more");
    }

    [Fact]
    public async Task A_machine_in_the_middle_that_relays_the_proofs_between_two_tls_sessions_is_found_out()
    {
        var a = await Start("a");
        var b = await Start("b");
        await using var impostor = ImpostorSilo.Start();
        _silos.Map.Set("x", new ClusterSiloAddress("127.0.0.1", impostor.Port, 1).ToSiloAddress());

        var call = a.Grains.GetGrain<IValuesGrain>("x:intercepted").Add(1, 1);
        await using var caller = await impostor.AcceptTlsAsync();
        await using var real = await RawSiloClient.ConnectTlsAsync(b.ClusterAddress.Port);
        var relay = Task.WhenAll(caller.CopyToAsync(real), real.CopyToAsync(caller));

        (await call.Awaiting(c => c).Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("did not prove");
        b.Listener.ConnectionCount.Should().Be(0);
        (await Task.WhenAny(relay, Task.Delay(RawSiloClient.Patience))).Should().BeSameAs(relay, "both ends hung up");
    }

    [Fact]
    public async Task What_silos_send_each_other_is_encrypted_on_the_wire()
    {
        var a = await Start("a");
        var b = await Start("b");
        await using var tap = WireTap.Start(b.ClusterAddress.Port);
        _silos.Map.Set("t", new ClusterSiloAddress("127.0.0.1", tap.Port, b.ClusterAddress.Generation).ToSiloAddress());
        const string canary = "canary-3f1b9c-visible-only-in-plaintext";

        var call = () => a.Grains.GetGrain<IValuesGrain>("t:tapped").CountWords([canary, canary]);

        var refused = await call.Should().ThrowAsync<NotThisSiloException>("b read the call, and answered that it was addressed to another silo");
        var answer = System.Text.Encoding.UTF8.GetBytes(refused.Which.Actual.Value);
        var seen = tap.Captured();
        seen.Length.Should().BeGreaterThan(500, "the TLS handshake, the proofs and the call went through the tap");
        seen.AsSpan().IndexOf("STX"u8).Should().Be(-1, "not even the preamble is in clear");
        seen.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(canary)).Should().Be(-1);
        seen.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(nameof(IValuesGrain.CountWords))).Should().Be(-1);
        seen.AsSpan().IndexOf(answer).Should().Be(-1, "nor the answer");
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
}

using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Authentication;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Before the first frame, both ends of a silo connection prove they hold the cluster's shared secret
/// (<see cref="ClusterTransportOptions.Secret"/>), without sending it: each side sends a fresh random nonce, and each
/// answers with an HMAC-SHA256 of both nonces under the secret. The accepting silo answers first, so a caller never
/// proves itself to a listener that does not hold the secret; the two proofs carry different labels, so neither can be
/// replayed as the other. The handshake authenticates the connection; it does not encrypt the frames that follow.
/// <code>
/// caller   → listener: "STX" version, caller nonce (32 bytes)
/// listener → caller:   listener nonce (32), HMAC(secret, "accept"  ‖ caller nonce ‖ listener nonce)
/// caller   → listener: HMAC(secret, "connect" ‖ caller nonce ‖ listener nonce)
/// </code>
/// </summary>
internal sealed class SiloHandshake(string secret)
{
    public const int NonceBytes = 32;
    public const int ProofBytes = HMACSHA256.HashSizeInBytes;

    private static readonly byte[] AcceptLabel = "smarttrader-silo-accept"u8.ToArray();
    private static readonly byte[] ConnectLabel = "smarttrader-silo-connect"u8.ToArray();

    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>The caller's side. Throws <see cref="AuthenticationException"/> when the listener cannot prove itself.</summary>
    public async Task ConnectAsync(Socket socket, CancellationToken cancellationToken)
    {
        var hello = new byte[WireProtocol.Preamble.Length + NonceBytes];
        WireProtocol.Preamble.CopyTo(hello);
        var callerNonce = hello.AsMemory(WireProtocol.Preamble.Length);
        RandomNumberGenerator.Fill(callerNonce.Span);
        await socket.SendAsync(hello, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        var answer = new byte[NonceBytes + ProofBytes];
        await ReceiveExactlyAsync(socket, answer, cancellationToken).ConfigureAwait(false);
        var listenerNonce = answer.AsMemory(0, NonceBytes);
        if (!CryptographicOperations.FixedTimeEquals(answer.AsSpan(NonceBytes), Proof(AcceptLabel, callerNonce.Span, listenerNonce.Span)))
            throw new AuthenticationException(
                "the silo there did not prove it holds this cluster's secret: give every silo the same Cluster:Transport:Secret");

        await socket.SendAsync(Proof(ConnectLabel, callerNonce.Span, listenerNonce.Span), SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The listener's side. Throws <see cref="InvalidDataException"/> or <see cref="AuthenticationException"/> to refuse.</summary>
    public async Task AcceptAsync(Socket socket, CancellationToken cancellationToken)
    {
        var hello = new byte[WireProtocol.Preamble.Length + NonceBytes];
        await ReceiveExactlyAsync(socket, hello, cancellationToken).ConfigureAwait(false);
        if (!hello.AsSpan(0, WireProtocol.Preamble.Length).SequenceEqual(WireProtocol.Preamble))
            throw new InvalidDataException("not the SmartTrader silo protocol (or another version)");
        var callerNonce = hello.AsSpan(WireProtocol.Preamble.Length).ToArray();

        var answer = new byte[NonceBytes + ProofBytes];
        RandomNumberGenerator.Fill(answer.AsSpan(0, NonceBytes));
        var listenerNonce = answer.AsSpan(0, NonceBytes).ToArray();
        Proof(AcceptLabel, callerNonce, listenerNonce).CopyTo(answer, NonceBytes);
        await socket.SendAsync(answer, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        var proof = new byte[ProofBytes];
        await ReceiveExactlyAsync(socket, proof, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(proof, Proof(ConnectLabel, callerNonce, listenerNonce)))
            throw new AuthenticationException("the caller did not prove it holds this cluster's secret (Cluster:Transport:Secret)");
    }

    private byte[] Proof(byte[] label, ReadOnlySpan<byte> callerNonce, ReadOnlySpan<byte> listenerNonce)
    {
        Span<byte> message = stackalloc byte[label.Length + 2 * NonceBytes];
        label.CopyTo(message);
        callerNonce.CopyTo(message[label.Length..]);
        listenerNonce.CopyTo(message[(label.Length + NonceBytes)..]);
        return HMACSHA256.HashData(_key, message);
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0) throw new InvalidDataException("the other side closed the connection during the handshake");
            read += n;
        }
    }
}

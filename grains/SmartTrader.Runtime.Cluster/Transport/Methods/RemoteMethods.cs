using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// The grain methods this silo can send and serve. Outgoing calls find theirs by the runtime's <see cref="GrainMethod"/>;
/// incoming calls by key, among the interfaces of the registered grain classes only, so a request can never name a
/// type this silo would not call anyway.
/// </summary>
internal sealed class RemoteMethods(GrainTypeRegistry registry)
{
    private readonly ConcurrentDictionary<GrainMethod, RemoteMethod> _byMethod = new();
    private readonly Lazy<Dictionary<string, RemoteMethod>.AlternateLookup<ReadOnlySpan<char>>> _byKey =
        new(() => BuildKeyIndex(registry).GetAlternateLookup<ReadOnlySpan<char>>());

    public RemoteMethod For(GrainMethod method) =>
        _byMethod.TryGetValue(method, out var remote) ? remote : _byMethod.GetOrAdd(method, RemoteMethod.For);

    /// <summary>Calls sent to and received from other silos since this silo started, by method.</summary>
    public RemoteCallCounts Counts()
    {
        var sent = Tally(_byMethod.Values);
        var received = _byKey.IsValueCreated ? Tally(_byKey.Value.Dictionary.Values) : new Dictionary<string, long>();
        return new RemoteCallCounts(sent.Values.Sum(), received.Values.Sum(), sent, received);
    }

    private static Dictionary<string, long> Tally(IEnumerable<RemoteMethod> methods) =>
        methods.Where(m => m.Calls > 0).GroupBy(m => m.GrainMethod.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Calls), StringComparer.Ordinal);

    /// <summary>Builds the key index now rather than on the first incoming call.</summary>
    public void Prepare() => _ = _byKey.Value;

    public bool TryFind(ReadOnlySpan<byte> keyUtf8, out RemoteMethod method)
    {
        var lookup = _byKey.Value;
        char[]? rented = null;
        Span<char> chars = keyUtf8.Length <= 256 ? stackalloc char[keyUtf8.Length] : (rented = ArrayPool<char>.Shared.Rent(keyUtf8.Length));
        try
        {
            var count = Encoding.UTF8.GetChars(keyUtf8, chars);
            return lookup.TryGetValue(chars[..count], out method!);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static Dictionary<string, RemoteMethod> BuildKeyIndex(GrainTypeRegistry registry)
    {
        var methods = new List<GrainMethod> { registry.ReceiveReminder };
        var interfaces = registry.Classes
            .SelectMany(c => c.ClassType.GetInterfaces())
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain) && i != typeof(IGrainWithStringKey) && i != typeof(IRemindable))
            .Distinct();
        foreach (var grainInterface in interfaces)
        {
            try
            {
                methods.AddRange(registry.InterfaceOf(grainInterface).Methods.Values);
            }
            catch (InvalidOperationException)
            {
                // Implemented by several grain classes: no reference to it can be made, so no call for it can come.
            }
        }

        var index = new Dictionary<string, RemoteMethod>(StringComparer.Ordinal);
        foreach (var method in methods.Distinct())
        {
            var remote = RemoteMethod.For(method);
            index.TryAdd(remote.Key, remote);
        }
        return index;
    }
}

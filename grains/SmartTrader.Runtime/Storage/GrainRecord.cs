using System.Text.Json;

namespace SmartTrader.Runtime;

/// <summary>
/// A row that one grain alone writes, alongside its own state (a portfolio's order records): stored in the same
/// transaction as that state, and only if that write succeeds. It is not the state of an activation, so it is
/// written over whatever version it holds; the owner's ETag is what keeps a stale writer out.
/// </summary>
public sealed record GrainRecord(GrainStateKey Key, ReadOnlyMemory<byte> Payload)
{
    public static GrainRecord Of<T>(GrainStateKey key, T value) => new(key, JsonSerializer.SerializeToUtf8Bytes(value, GrainStateJson.Options));

    /// <summary>Throws unless every record has its own key, other than the state's: a transaction writes each row once.</summary>
    public static void RequireDistinct(GrainStateKey stateKey, IReadOnlyList<GrainRecord> records)
    {
        if (records.Count == 0) return;
        var keys = new HashSet<GrainStateKey> { stateKey };
        foreach (var record in records)
        {
            if (!keys.Add(record.Key))
                throw new ArgumentException($"The row {record.Key} appears twice in one write.", nameof(records));
        }
    }
}

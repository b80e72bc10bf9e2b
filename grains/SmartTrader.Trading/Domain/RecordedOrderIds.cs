using System.Globalization;

namespace SmartTrader.Trading.Domain;

/// <summary>
/// The orders an account has recorded, as 64-bit fingerprints of their ids (about 20 bytes an order), so that a new
/// clientOrderId is told apart from a resubmission without reading storage. Two ids can share a fingerprint, so a hit
/// only says "maybe" and is confirmed by a read; a miss is certain as long as every id is added before its record is
/// written.
/// </summary>
public sealed class RecordedOrderIds
{
    private readonly HashSet<ulong> _fingerprints = [];

    public int Count => _fingerprints.Count;

    public void Add(string orderId) => _fingerprints.Add(Fingerprint(orderId));

    public bool MayContain(string orderId) => _fingerprints.Contains(Fingerprint(orderId));

    /// <summary>An order id ends in hex digits of a hash of its clientOrderId (<see cref="OrderIds.For"/>); the first 16 of them are the fingerprint.</summary>
    private static ulong Fingerprint(string orderId)
    {
        var hash = orderId.AsSpan(orderId.LastIndexOf('.') + 1);
        return hash.Length >= 16 && ulong.TryParse(hash[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fingerprint)
            ? fingerprint
            : (ulong)(uint)StringComparer.Ordinal.GetHashCode(orderId);
    }
}

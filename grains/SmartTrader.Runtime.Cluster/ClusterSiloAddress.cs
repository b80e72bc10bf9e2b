using System.Globalization;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A cluster silo's <see cref="SiloAddress"/> is "host:port@generation": where its transport listens, and which life of
/// the silo it is. A silo that restarts on the same endpoint gets a new generation, so calls and directory entries
/// meant for its previous life never reach the new one by mistake.
/// </summary>
public readonly record struct ClusterSiloAddress(string Host, int Port, long Generation)
{
    public SiloAddress ToSiloAddress() => new(ToString());

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    public static ClusterSiloAddress Parse(SiloAddress address) =>
        TryParse(address.Value, out var parsed)
            ? parsed
            : throw new FormatException($"'{address.Value}' is not a cluster silo address (host:port@generation).");

    public static bool TryParse(string? text, out ClusterSiloAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text)) return false;
        var at = text.LastIndexOf('@');
        var colon = at < 0 ? -1 : text.LastIndexOf(':', at);
        if (colon <= 0) return false;
        if (!int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            return false;
        address = new ClusterSiloAddress(text[..colon], port, generation);
        return true;
    }
}

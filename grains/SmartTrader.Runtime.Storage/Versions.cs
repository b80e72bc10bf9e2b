using System.Globalization;

namespace SmartTrader.Runtime.Storage;

/// <summary>ETags are row version numbers rendered as invariant decimal strings.</summary>
internal static class Versions
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static string? Format(long? version) => version is { } v ? Format(v) : null;

    public static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}

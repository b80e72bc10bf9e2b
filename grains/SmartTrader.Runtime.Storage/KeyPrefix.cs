using System.Text;

namespace SmartTrader.Runtime.Storage;

/// <summary>Turns a key prefix into a half-open range [prefix, upper) in code-point order, for index range scans.</summary>
internal static class KeyPrefix
{
    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>, or null when none exists.</summary>
    public static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF) continue;
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1;
            var builder = new StringBuilder();
            foreach (var rune in runes) builder.Append(rune.ToString());
            return builder.Append(new Rune(next).ToString()).ToString();
        }
        return null;
    }
}

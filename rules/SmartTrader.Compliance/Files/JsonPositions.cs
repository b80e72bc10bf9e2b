using System.Text.Json;

namespace SmartTrader.Compliance.Files;

/// <summary>
/// Line and column of each element of a JSON document's top-level array (or of the document itself when it is not an
/// array), so that a problem found after parsing can still point at its record.
/// </summary>
internal static class JsonPositions
{
    public static IReadOnlyList<(long Line, long Column)> OfTopLevelValues(byte[] utf8)
    {
        var lines = new LineIndex(utf8);
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read()) return [];
        if (reader.TokenType != JsonTokenType.StartArray) return [lines.At(reader.TokenStartIndex)];

        var positions = new List<(long, long)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            positions.Add(lines.At(reader.TokenStartIndex));
            reader.Skip();
        }
        return positions;
    }

    private sealed class LineIndex(byte[] utf8)
    {
        private readonly List<long> _starts = Starts(utf8);

        public (long Line, long Column) At(long offset)
        {
            var index = _starts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            return (line + 1, offset - _starts[line] + 1);
        }

        private static List<long> Starts(byte[] utf8)
        {
            var starts = new List<long> { 0 };
            for (var i = 0; i < utf8.Length; i++)
                if (utf8[i] == (byte)'\n') starts.Add(i + 1);
            return starts;
        }
    }
}

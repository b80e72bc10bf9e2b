namespace SmartTrader.Rules.Expressions;

/// <summary>
/// For every offset of rewritten expression text, the offset in the text the author wrote, so that each message
/// points at what they typed. Rewrites compose: a map of a rewrite of rewritten text is chained with <see cref="Then"/>.
/// </summary>
internal sealed class PositionMap
{
    private readonly int[] _origin;

    private PositionMap(int[] origin) => _origin = origin;

    public static PositionMap Identity(int length) => new(Enumerable.Range(0, length + 1).ToArray());

    public int ToOriginal(int offset) => _origin[Math.Clamp(offset, 0, _origin.Length - 1)];

    /// <summary>A map from <paramref name="later"/>'s rewritten text straight to this map's original text.</summary>
    public PositionMap Then(PositionMap later) => new(Array.ConvertAll(later._origin, ToOriginal));

    /// <summary>Accumulates a rewrite piece by piece: copied text, and replacement text standing for an original span.</summary>
    public sealed class Builder
    {
        private readonly List<int> _origin = [];

        public void Copy(int originalStart, int length)
        {
            for (var i = 0; i < length; i++) _origin.Add(originalStart + i);
        }

        public void Replace(int originalStart, int newLength)
        {
            for (var i = 0; i < newLength; i++) _origin.Add(originalStart);
        }

        public PositionMap Build(int originalLength)
        {
            _origin.Add(originalLength);
            return new PositionMap([.. _origin]);
        }
    }
}

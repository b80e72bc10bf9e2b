namespace SmartTrader.Trading.Domain;

/// <summary>Appends an equity point to a history, dropping the oldest once <paramref name="capacity"/> is reached.</summary>
public static class EquityHistory
{
    public const int DefaultCapacity = 2000;

    public static void Append(List<EquityPoint> history, EquityPoint point, int capacity = DefaultCapacity)
    {
        history.Add(point);
        if (history.Count > capacity) history.RemoveRange(0, history.Count - capacity);
    }
}

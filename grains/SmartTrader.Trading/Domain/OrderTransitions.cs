namespace SmartTrader.Trading.Domain;

/// <summary>
/// The order lifecycle: New → Accepted → PartiallyFilled → Filled; Accepted and PartiallyFilled → Cancelled;
/// New → Rejected. PartiallyFilled → PartiallyFilled is a further partial fill.
/// </summary>
public static class OrderTransitions
{
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Legal =
    [
        (OrderStatus.New, OrderStatus.Accepted),
        (OrderStatus.New, OrderStatus.Rejected),
        (OrderStatus.Accepted, OrderStatus.PartiallyFilled),
        (OrderStatus.Accepted, OrderStatus.Filled),
        (OrderStatus.Accepted, OrderStatus.Cancelled),
        (OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.PartiallyFilled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
    ];

    public static bool IsLegal(OrderStatus from, OrderStatus to) => Legal.Contains((from, to));

    /// <summary>True when a chain of legal transitions leads from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanReach(OrderStatus from, OrderStatus to)
    {
        var seen = new HashSet<OrderStatus>();
        var frontier = new Queue<OrderStatus>([from]);
        while (frontier.TryDequeue(out var status))
        {
            foreach (var (f, t) in Legal)
            {
                if (f != status || !seen.Add(t)) continue;
                if (t == to) return true;
                frontier.Enqueue(t);
            }
        }
        return false;
    }
}

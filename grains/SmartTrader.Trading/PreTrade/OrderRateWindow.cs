namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The times of an account's recently accepted orders, to count those in the last second. Kept in memory by the
/// portfolio's activation: a fresh activation starts from zero, which only ever errs by allowing a burst after a
/// long idle period.
/// </summary>
public sealed class OrderRateWindow(TimeSpan length)
{
    private readonly Queue<DateTimeOffset> _accepted = new();

    public static OrderRateWindow OneSecond() => new(TimeSpan.FromSeconds(1));

    /// <summary>Orders accepted after <paramref name="now"/> less the window's length.</summary>
    public int CountAt(DateTimeOffset now)
    {
        var start = now - length;
        while (_accepted.Count > 0 && _accepted.Peek() <= start) _accepted.Dequeue();
        return _accepted.Count;
    }

    public void Accepted(DateTimeOffset time) => _accepted.Enqueue(time);
}

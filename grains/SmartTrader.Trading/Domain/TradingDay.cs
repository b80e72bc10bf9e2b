namespace SmartTrader.Trading.Domain;

/// <summary>
/// The session an account is trading in, and its equity when it first traded in it: the base of the daily loss limit.
/// A session ends at the configured close (Trading:SessionCloseUtc), or at midnight UTC when none is configured.
/// </summary>
public sealed record TradingDay(DateTimeOffset ClosesAt, decimal StartEquity)
{
    /// <summary><paramref name="current"/> while its session lasts; otherwise a new day starting at <paramref name="equity"/>.</summary>
    public static TradingDay At(TradingDay? current, DateTimeOffset now, TimeSpan? sessionCloseUtc, decimal equity)
    {
        var closesAt = DaySession.ExpiresAt(now, sessionCloseUtc ?? TimeSpan.Zero);
        return current is not null && current.ClosesAt == closesAt ? current : new TradingDay(closesAt, equity);
    }
}

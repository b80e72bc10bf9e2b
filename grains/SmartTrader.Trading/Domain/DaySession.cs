namespace SmartTrader.Trading.Domain;

/// <summary>
/// Day orders expire at the first session close after they were placed. The close is a UTC time of day; weekends and
/// holidays are not modelled (an exchange calendar arrives with the compliance work).
/// </summary>
public static class DaySession
{
    public static DateTimeOffset ExpiresAt(DateTimeOffset placedAt, TimeSpan closeUtc)
    {
        var utc = placedAt.UtcDateTime;
        var close = utc.Date + closeUtc;
        if (close <= utc) close = close.AddDays(1);
        return new DateTimeOffset(close, TimeSpan.Zero);
    }
}

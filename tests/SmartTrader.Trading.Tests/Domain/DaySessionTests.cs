using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class DaySessionTests
{
    private static readonly TimeSpan Close = new(21, 0, 0);

    [Fact]
    public void An_order_placed_before_the_close_expires_that_day()
    {
        DaySession.ExpiresAt(new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero), Close)
            .Should().Be(new DateTimeOffset(2026, 1, 5, 21, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void An_order_placed_at_or_after_the_close_expires_the_next_day()
    {
        DaySession.ExpiresAt(new DateTimeOffset(2026, 1, 5, 21, 0, 0, TimeSpan.Zero), Close)
            .Should().Be(new DateTimeOffset(2026, 1, 6, 21, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_close_is_a_utc_time_whatever_the_offset_of_the_placement()
    {
        DaySession.ExpiresAt(new DateTimeOffset(2026, 1, 5, 15, 30, 0, TimeSpan.FromHours(-5)), Close)
            .Should().Be(new DateTimeOffset(2026, 1, 5, 21, 0, 0, TimeSpan.Zero));
    }
}

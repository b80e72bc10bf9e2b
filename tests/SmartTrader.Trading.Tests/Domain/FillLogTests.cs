using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class FillLogTests
{
    private static readonly DateTimeOffset Open = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static Fill FillAt(string id, int minute) =>
        new(id, "acc.order-" + id, "acc", "AAPL", OrderSide.Buy, 1m, 100m, Open.AddMinutes(minute));

    private static IEnumerable<string> Ids(FillPage? page) => page!.Fills.Select(f => f.FillId);

    [Fact]
    public void Pages_run_oldest_first_with_ties_by_id_and_name_the_last_fill_while_more_remain()
    {
        var log = new FillLog([FillAt("d", 3), FillAt("b", 1), FillAt("c", 1), FillAt("a", 0)]);

        var first = log.Page(since: null, limit: 3, after: null);
        var rest = log.Page(since: null, limit: 3, after: first!.Next);

        Ids(first).Should().Equal("a", "b", "c");
        first.Next.Should().Be("c");
        Ids(rest).Should().Equal("d");
        rest!.Next.Should().BeNull();
    }

    [Fact]
    public void A_page_from_a_time_on_starts_at_the_first_fill_at_or_after_it()
    {
        var log = new FillLog([FillAt("a", 0), FillAt("b", 5), FillAt("c", 5), FillAt("d", 9)]);

        Ids(log.Page(Open.AddMinutes(5), limit: 10, after: null)).Should().Equal("b", "c", "d");
        Ids(log.Page(Open.AddMinutes(4), limit: 1, after: "b")).Should().Equal("c");
        Ids(log.Page(Open.AddMinutes(10), limit: 10, after: null)).Should().BeEmpty();
    }

    [Fact]
    public void After_a_fill_that_is_not_among_those_listed_there_is_no_page()
    {
        var log = new FillLog([FillAt("a", 0), FillAt("b", 5)]);

        log.Page(since: null, limit: 10, after: "unknown").Should().BeNull();
        log.Page(Open.AddMinutes(1), limit: 10, after: "a").Should().BeNull("fill a is before the listing's since");
    }

    [Fact]
    public void A_fill_added_later_takes_its_place_in_time_and_a_fill_seen_again_is_kept_once()
    {
        var log = new FillLog([FillAt("a", 0), FillAt("c", 8), FillAt("a", 0)]);

        log.Add(FillAt("d", 9));
        log.Add(FillAt("b", 4));
        log.Add(FillAt("c", 8));

        log.Count.Should().Be(4);
        Ids(log.Page(since: null, limit: 10, after: null)).Should().Equal("a", "b", "c", "d");
        Ids(log.Page(since: null, limit: 10, after: "b")).Should().Equal("c", "d");
    }

    [Fact]
    public void A_page_needs_room_for_a_fill()
    {
        var log = new FillLog([]);

        log.Invoking(l => l.Page(since: null, limit: 0, after: null)).Should().Throw<ArgumentOutOfRangeException>();
        log.Page(since: null, limit: 1, after: null)!.Fills.Should().BeEmpty();
    }
}

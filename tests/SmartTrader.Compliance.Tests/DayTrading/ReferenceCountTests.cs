using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;
using SmartTrader.Compliance.Tests.Support;

namespace SmartTrader.Compliance.Tests.DayTrading;

/// <summary>
/// The ledger against a deliberately plain model of the rule on random histories: every share is a unit remembering
/// the fill that opened it; a fill closes the day's units first, oldest first, then units held overnight. Traditional:
/// the number of distinct opening fills some of whose units were closed the day they were opened. Direction change:
/// the number of runs of same-direction fills (per security and day) that closed any unit opened that day.
/// </summary>
public sealed class ReferenceCountTests
{
    private static readonly ExchangeCalendar Nyse = NyseCalendar.Instance;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_ledger_counts_what_the_unit_model_counts(int seed)
    {
        var fills = RandomHistory(new Random(seed), days: 25);
        var ledger = DayTradeLedger.Rebuild(TradeScript.Account, fills);
        var reference = ReferenceCounts(fills);

        var first = Nyse.TradeDateOf(fills[0].Time);
        var last = Nyse.TradeDateOf(fills[^1].Time);
        for (var end = first; end <= last; end = Nyse.NextTradingDay(end))
        {
            var window = Nyse.WindowEndingOn(end, 5);
            var expected = reference.Where(r => r.Key >= window.Start && r.Key <= window.End)
                .Aggregate((Traditional: 0, DirectionChange: 0), (s, r) => (s.Traditional + r.Value.Traditional, s.DirectionChange + r.Value.DirectionChange));
            var actual = ledger.WindowEndingOn(end);
            (actual.TraditionalDayTrades, actual.DirectionChangeDayTrades).Should().Be(expected, $"the window ending {end}");
        }
        reference.Values.Sum(v => v.Traditional).Should().BePositive("the history should contain day trades");
    }

    private static List<Fill> RandomHistory(Random random, int days)
    {
        var fills = new List<Fill>();
        var sides = Enum.GetValues<TradeSide>();
        var symbols = new[] { "ABC", "XYZ", "QQQ" };
        var day = NewYork.Date("2024-06-03");
        for (var d = 0; d < days; d++, day = Nyse.NextTradingDay(day))
        {
            var time = NewYork.At($"{day:yyyy-MM-dd} 09:30");
            for (var i = random.Next(0, 14); i > 0; i--)
            {
                time = time.AddMinutes(random.Next(0, 3));
                fills.Add(new Fill(time, TradeScript.Account, symbols[random.Next(symbols.Length)],
                    sides[random.Next(sides.Length)], random.Next(1, 7), 10m));
            }
        }
        return fills;
    }

    private sealed record Unit(int OpeningFill, DateOnly Day, int Sign);

    private static Dictionary<DateOnly, (int Traditional, int DirectionChange)> ReferenceCounts(IReadOnlyList<Fill> fills)
    {
        var result = new Dictionary<DateOnly, (int Traditional, int DirectionChange)>();
        foreach (var security in fills.Select((f, i) => (Fill: f, Index: i)).GroupBy(x => x.Fill.Symbol))
        {
            var units = new List<Unit>();
            var touched = new HashSet<int>();
            DateOnly? currentDay = null;
            var runDirection = 0;
            var runCounted = false;
            foreach (var (fill, index) in security)
            {
                var day = Nyse.TradeDateOf(fill.Time);
                if (day != currentDay)
                {
                    (currentDay, runDirection, runCounted) = (day, 0, false);
                    touched.Clear();
                }
                var direction = fill.Side is TradeSide.Buy or TradeSide.BuyToCover ? 1 : -1;
                if (direction != runDirection) (runDirection, runCounted) = (direction, false);

                var closedToday = false;
                for (var n = 0; n < (int)fill.Quantity; n++)
                {
                    var unit = units.FirstOrDefault(u => u.Sign == -direction && u.Day == day)
                        ?? units.FirstOrDefault(u => u.Sign == -direction);
                    if (unit is null)
                    {
                        units.Add(new Unit(index, day, direction));
                        continue;
                    }
                    units.Remove(unit);
                    if (unit.Day != day) continue;
                    closedToday = true;
                    if (touched.Add(unit.OpeningFill)) Add(result, day, traditional: 1, directionChange: 0);
                }
                if (closedToday && !runCounted)
                {
                    runCounted = true;
                    Add(result, day, traditional: 0, directionChange: 1);
                }
            }
        }
        return result;
    }

    private static void Add(Dictionary<DateOnly, (int Traditional, int DirectionChange)> counts, DateOnly day, int traditional, int directionChange)
    {
        var (t, d) = counts.GetValueOrDefault(day);
        counts[day] = (t + traditional, d + directionChange);
    }
}

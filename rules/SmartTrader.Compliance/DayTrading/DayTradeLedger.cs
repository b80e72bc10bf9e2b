using SmartTrader.Compliance.Calendar;

namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// The day trades of one account, fed its fills in time order. Keeps per-day tallies and, per security, the state of
/// its latest trade date, so recording a fill and reading a window cost the same however long the history.
/// A fill older than the last recorded one throws <see cref="OutOfOrderFillException"/>: use <see cref="Rebuild"/>.
/// The security is the fill's <see cref="Fill.Symbol"/> (an option contract is its own security). Not thread-safe:
/// one writer, as in a grain.
/// </summary>
public sealed class DayTradeLedger
{
    private readonly SessionClock _clock;
    private readonly Dictionary<string, SymbolDayState> _symbols = new(StringComparer.Ordinal);
    private readonly DayTallies _tallies = new();
    private readonly HashSet<string> _ordersToday = new(StringComparer.Ordinal);
    private DateTimeOffset _lastTime = DateTimeOffset.MinValue;

    public DayTradeLedger(string account, ExchangeCalendar? calendar = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        Account = account;
        _clock = new SessionClock(calendar ?? NyseCalendar.Instance);
    }

    public string Account { get; }

    public ExchangeCalendar Calendar => _clock.Calendar;

    public long FillCount { get; private set; }

    /// <summary>The time of the last recorded fill, or null before the first.</summary>
    public DateTimeOffset? LastFillTime => FillCount == 0 ? null : _lastTime;

    /// <summary>
    /// Records one execution. Give <paramref name="orderId"/> when an order fills in several parts: its fills then
    /// make one trade, and one opening transaction, instead of one per fill.
    /// </summary>
    public void Record(Fill fill, string? orderId = null)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!string.Equals(fill.Account, Account, StringComparison.Ordinal))
            throw new ArgumentException($"Fill of account {fill.Account} given to the ledger of {Account}.", nameof(fill));
        if (fill.Quantity <= 0)
            throw new ArgumentException($"Fill quantity must be positive, was {fill.Quantity}.", nameof(fill));
        if (fill.Time < _lastTime) throw new OutOfOrderFillException(fill, _lastTime);

        var day = SessionOrdinalOf(fill.Time);
        ref var tally = ref _tallies.For(day);
        if (tally.Trades == 0) _ordersToday.Clear();
        if (orderId is null || _ordersToday.Add(orderId)) tally.Trades++;

        var created = StateFor(fill.Symbol).Apply(day, fill.Side.Direction(), fill.Quantity, orderId);
        tally.Traditional += created.Traditional;
        tally.DirectionChange += created.DirectionChange;
        _lastTime = fill.Time;
        FillCount++;
    }

    /// <summary>
    /// A new ledger from a whole history, sorted by time first when it is not already (stable: fills with equal
    /// times keep their order). This is how a late fill gets in.
    /// </summary>
    public static DayTradeLedger Rebuild(
        string account, IEnumerable<Fill> fills, Func<Fill, string?>? orderIdOf = null, ExchangeCalendar? calendar = null)
    {
        var ledger = new DayTradeLedger(account, calendar);
        foreach (var fill in Fill.InTimeOrder(fills)) ledger.Record(fill, orderIdOf?.Invoke(fill));
        return ledger;
    }

    /// <summary>Trades and day trades over the five business days ending on <paramref name="tradeDate"/>'s session.</summary>
    public DayTradeWindow WindowEndingOn(DateOnly tradeDate) => WindowEndingAt(Calendar.OrdinalOnOrAfter(tradeDate));

    /// <summary>The signed position in <paramref name="symbol"/> after the recorded fills (positive long, negative short).</summary>
    public decimal PositionIn(string symbol) => _symbols.TryGetValue(symbol, out var state) ? state.Position : 0m;

    internal int LastDay => _tallies.LastDay;

    internal int SessionOrdinalOf(DateTimeOffset time) => _clock.SessionOrdinalOf(time);

    /// <summary>Trades and day trades over the five business days ending on the session with ordinal <paramref name="endDay"/>.</summary>
    internal DayTradeWindow WindowEndingAt(int endDay)
    {
        var startDay = endDay - PatternDayTraderRule.WindowBusinessDays + 1;
        var sum = _tallies.Sum(startDay, endDay);
        return new(Calendar.TradingDayAt(startDay), Calendar.TradingDayAt(endDay), sum.Trades, sum.Traditional, sum.DirectionChange);
    }

    /// <summary>Whether a fill of <paramref name="orderId"/> was recorded on <paramref name="day"/>, the latest day.</summary>
    internal bool TradedOn(int day, string orderId) => day == _tallies.LastDay && _ordersToday.Contains(orderId);

    internal SymbolDayState? ExistingState(string symbol) => _symbols.GetValueOrDefault(symbol);

    private SymbolDayState StateFor(string symbol)
    {
        if (!_symbols.TryGetValue(symbol, out var state)) _symbols.Add(symbol, state = new SymbolDayState());
        return state;
    }
}

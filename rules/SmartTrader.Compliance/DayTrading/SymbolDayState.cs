namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// One security of one account on its latest trade date: the part of the position carried in from earlier days, and
/// the day's opening transactions still open, oldest first. A transaction closes the day's openings first (so a sale
/// after a new purchase is a day trade) and the carried position after them (so closing yesterday's position before
/// any new opening is not). Both counting methods are tallied at once; the setting picks one when facts are built.
/// </summary>
internal sealed class SymbolDayState
{
    private int _day = -1;
    private decimal _carried;
    private OpenLot[] _lots = new OpenLot[4];
    private int _head;
    private int _count;
    private int _lotSign;
    private int _runDirection;
    private bool _runCounted;
    private string? _lastOpeningOrderId;

    private struct OpenLot
    {
        public decimal Remaining;
        public bool Counted;
    }

    /// <summary>The signed position: positive long, negative short.</summary>
    public decimal Position
    {
        get
        {
            var openedToday = 0m;
            for (var i = 0; i < _count; i++) openedToday += _lots[_head + i].Remaining;
            return _carried + _lotSign * openedToday;
        }
    }

    public SymbolDayState Clone()
    {
        var copy = (SymbolDayState)MemberwiseClone();
        copy._lots = new OpenLot[Math.Max(4, _count)];
        Array.Copy(_lots, _head, copy._lots, 0, _count);
        copy._head = 0;
        return copy;
    }

    /// <param name="day">The trading-day ordinal; never earlier than the last one applied.</param>
    /// <param name="direction">+1 for a purchase (buy, buy to cover), -1 for a sale (sell, sell short).</param>
    /// <param name="orderId">Fills of the same order extend one opening transaction instead of starting another.</param>
    public DayTradesCreated Apply(int day, int direction, decimal quantity, string? orderId)
    {
        if (day != _day) StartDay(day);

        if (direction != _runDirection)
        {
            _runDirection = direction;
            _runCounted = false;
        }

        var remaining = quantity;
        var traditional = 0;
        var directionChange = 0;
        if (_count > 0 && _lotSign == -direction)
        {
            remaining = CloseTodaysOpenings(remaining, ref traditional);
            if (!_runCounted)
            {
                directionChange = 1;
                _runCounted = true;
            }
        }

        if (remaining > 0 && Math.Sign(_carried) == -direction)
        {
            var closed = Math.Min(remaining, Math.Abs(_carried));
            _carried += direction * closed;
            remaining -= closed;
        }

        if (remaining > 0) Open(direction, remaining, orderId);
        return new(traditional, directionChange);
    }

    private void StartDay(int day)
    {
        _carried = Position;
        _head = 0;
        _count = 0;
        _lotSign = 0;
        _runDirection = 0;
        _runCounted = false;
        _lastOpeningOrderId = null;
        _day = day;
    }

    private decimal CloseTodaysOpenings(decimal quantity, ref int traditional)
    {
        while (quantity > 0 && _count > 0)
        {
            ref var lot = ref _lots[_head];
            if (!lot.Counted)
            {
                lot.Counted = true;
                traditional++;
            }
            var closed = Math.Min(quantity, lot.Remaining);
            lot.Remaining -= closed;
            quantity -= closed;
            if (lot.Remaining == 0)
            {
                _head++;
                _count--;
            }
        }
        if (_count == 0)
        {
            _head = 0;
            _lotSign = 0;
        }
        return quantity;
    }

    private void Open(int direction, decimal quantity, string? orderId)
    {
        var sameOrderAsLastOpening = orderId is not null && orderId == _lastOpeningOrderId;
        if (sameOrderAsLastOpening && _count > 0)
        {
            _lots[_head + _count - 1].Remaining += quantity;
            return;
        }
        _lastOpeningOrderId = orderId;
        if (_head + _count == _lots.Length)
        {
            if (_head > 0) Array.Copy(_lots, _head, _lots, 0, _count);
            else Array.Resize(ref _lots, _lots.Length * 2);
            _head = 0;
        }
        // A later fill of an opening order already closed in full was counted with its first fills.
        _lots[_head + _count] = new OpenLot { Remaining = quantity, Counted = sameOrderAsLastOpening };
        _count++;
        _lotSign = direction;
    }
}

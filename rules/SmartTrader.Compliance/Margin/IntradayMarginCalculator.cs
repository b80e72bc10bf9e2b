using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.DayTrading;

namespace SmartTrader.Compliance.Margin;

/// <summary>
/// Maintenance margin now and as if a proposed order filled. Equity = cash + Σ signed market value; requirement =
/// Σ |market value| × the long or short rate of the symbol. The order moves cash by quantity × price × multiplier and
/// the position by its quantity; the position after it is valued at the symbol's mark (the order's price for a symbol
/// not yet held), so buying above the mark lowers equity at once. Commissions are left out. Stateless and thread-safe.
/// </summary>
public sealed class IntradayMarginCalculator(
    MaintenanceMarginOptions options, DayTradingRegimeSetting? regime = null, ExchangeCalendar? calendar = null)
{
    private readonly DayTradingRegimeSetting _regime = regime ?? DayTradingRegimeSetting.Default;
    private readonly ExchangeCalendar _calendar = calendar ?? NyseCalendar.Instance;

    public MarginFacts Build(ComplianceAccount account, MarginAccountState state, ProposedOrder order, decimal? estimatedPrice = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Quantity <= 0) throw new ArgumentException($"Order quantity must be positive, was {order.Quantity}.", nameof(order));

        var (held, marketValue, requirement) = Totals(state, order.Symbol);
        var price = order.Price ?? estimatedPrice ?? held?.MarkPrice
            ?? throw new ArgumentException($"No price for {order.Symbol}: the order has none, no estimate was given and it is not held.", nameof(order));
        var before = held ?? new MarginPosition(order.Symbol, 0m, price, order.Instrument is { Type: InstrumentKind.Option } option ? option.Multiplier : 1m);
        var signedQuantity = order.Side.Direction() * order.Quantity;
        var after = before with { Quantity = before.Quantity + signedQuantity };
        var cashAfter = state.Cash - signedQuantity * price * before.Multiplier;

        var equity = state.Cash + marketValue;
        var equityAfter = cashAfter + marketValue - before.MarketValue + after.MarketValue;
        var requirementAfter = requirement - RequirementOf(before) + RequirementOf(after);

        var session = _calendar.SessionOrdinalOf(order.Time);
        var regimeOnDate = _regime.RegimeOn(_calendar.TradingDayAt(session));
        var applicable = account.Type == AccountKind.Margin;
        var rates = options.RatesFor(order.Symbol);
        var deficit = applicable ? Math.Max(0m, requirement - equity) : 0m;
        var deficitAfter = applicable ? Math.Max(0m, requirementAfter - equityAfter) : 0m;
        var regimeApplies = applicable && regimeOnDate == PdtRegime.IntradayMargin;
        return new MarginFacts
        {
            Account = account.Id,
            AccountType = account.Type.ToString(),
            Applicable = applicable,
            Regime = regimeOnDate.ToString(),
            IntradayMarginRegimeApplies = regimeApplies,
            TradeDate = _calendar.IsoDateAt(session),
            Symbol = order.Symbol,
            Side = order.Side.ToString(),
            Quantity = order.Quantity,
            Price = price,
            LongRate = rates.Long,
            ShortRate = rates.Short,
            CurrentEquity = equity,
            CurrentRequirement = applicable ? requirement : 0m,
            CurrentDeficit = deficit,
            ProjectedEquity = equityAfter,
            ProjectedRequirement = applicable ? requirementAfter : 0m,
            ProjectedDeficit = deficitAfter,
            CreatesOrIncreasesDeficit = deficitAfter > deficit,
            BlockedUnderIntradayMarginRegime = regimeApplies && deficitAfter > deficit,
        };
    }

    /// <summary>The maintenance requirement of the positions under these options.</summary>
    public decimal RequirementOf(IEnumerable<MarginPosition> positions) => positions.Sum(RequirementOf);

    private decimal RequirementOf(MarginPosition position) => RequirementOf(position, position.MarketValue);

    /// <summary>|market value| × the symbol's long or short rate; <paramref name="marketValue"/> is the position's, worked out once by the caller.</summary>
    private decimal RequirementOf(MarginPosition position, decimal marketValue)
    {
        var rates = options.RatesFor(position.Symbol);
        return Math.Abs(marketValue) * (position.Quantity >= 0 ? rates.Long : rates.Short);
    }

    /// <summary>One pass over the positions: the one in <paramref name="symbol"/>, the market value and the requirement.</summary>
    private (MarginPosition? Held, decimal MarketValue, decimal Requirement) Totals(MarginAccountState state, string symbol)
    {
        MarginPosition? held = null;
        decimal marketValue = 0m, requirement = 0m;
        var positions = state.Positions;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            var value = position.MarketValue;
            marketValue += value;
            requirement += RequirementOf(position, value);
            if (!string.Equals(position.Symbol, symbol, StringComparison.Ordinal)) continue;
            if (held is not null) throw new ArgumentException($"The account state holds {symbol} twice.", nameof(state));
            held = position;
        }
        return (held, marketValue, requirement);
    }
}

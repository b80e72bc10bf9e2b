namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The account before the order (input <c>account</c>), valued as the portfolio values it for buying power: margin
/// accounts at the symbols' last prices, other accounts at the prices they last traded at.
/// </summary>
/// <param name="Type">"Cash", "Margin" or "IRA".</param>
/// <param name="BuyingPower">What the account can still commit: cash less reservations (cash and IRA accounts), or
/// twice equity less gross exposure less reservations (margin).</param>
/// <param name="GrossExposure">Long and short market values added as absolute amounts.</param>
/// <param name="DayStartEquity">Equity when the account first traded in the current session.</param>
/// <param name="DayPnl">Equity now less <paramref name="DayStartEquity"/>: today's realised and unrealised P&amp;L, net
/// of commissions. Negative is a loss.</param>
/// <param name="OrdersLastSecond">Orders the account had accepted in the second before this one.</param>
public sealed record AccountFacts(
    string Type,
    decimal Cash,
    decimal Equity,
    decimal BuyingPower,
    decimal GrossExposure,
    decimal DayStartEquity,
    decimal DayPnl,
    int OrdersLastSecond);

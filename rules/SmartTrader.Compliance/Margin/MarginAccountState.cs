namespace SmartTrader.Compliance.Margin;

/// <summary>
/// A position marked to market. <see cref="Quantity"/> is signed: negative for a short. Its value is
/// Quantity × MarkPrice × <see cref="Multiplier"/> (100 for a standard option contract).
/// </summary>
public sealed record MarginPosition(string Symbol, decimal Quantity, decimal MarkPrice, decimal Multiplier = 1m)
{
    public decimal MarketValue => Quantity * MarkPrice * Multiplier;
}

/// <summary>
/// A margin account now: its cash balance (negative when the account owes the broker; short-sale proceeds included)
/// and its positions, at most one per symbol.
/// </summary>
public sealed record MarginAccountState(decimal Cash, IReadOnlyList<MarginPosition> Positions);

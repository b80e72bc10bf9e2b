namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// An order working at the broker: <see cref="Unfilled"/> carries what is left of it (its quantity is the unfilled
/// remainder). Give <see cref="OrderId"/> when part of it has filled and those fills were recorded with the same id,
/// so that the rest counts as the same trade.
/// </summary>
public sealed record OpenOrder(ProposedOrder Unfilled, string? OrderId = null);

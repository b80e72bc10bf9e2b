namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// An open tax lot (or the part of one that a wash sale split off). <see cref="Quantity"/> is in shares for stock and
/// contracts for options; each unit covers <see cref="Multiplier"/> shares.
/// <para>
/// For a long lot <see cref="Basis"/> is what the shares cost and <see cref="AdjustedBasis"/> adds the wash-sale loss
/// deferred into them. For a short lot <see cref="Basis"/> is the short sale's proceeds and
/// <see cref="AdjustedBasis"/> is those proceeds less the deferred loss (the amount the cover is measured against).
/// </para>
/// </summary>
public sealed record TaxLot(
    string Id,
    string Account,
    string Symbol,
    string Underlying,
    LotDirection Direction,
    decimal Quantity,
    int Multiplier,
    decimal Price,
    decimal Basis,
    decimal WashSaleAdjustment,
    decimal AdjustedBasis,
    DateTimeOffset OpenedAt,
    DateOnly AcquiredOn,
    DateOnly AdjustedAcquiredOn,
    string? WashSaleFromLot,
    DateOnly? WashSaleFromSaleDate)
{
    /// <summary>Adjusted basis per share (per unit ÷ multiplier).</summary>
    public decimal AdjustedBasisPerShare => Quantity == 0 ? 0 : AdjustedBasis / (Quantity * Multiplier);
}

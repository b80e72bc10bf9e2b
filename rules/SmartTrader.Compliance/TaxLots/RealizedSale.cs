namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// The closing of one lot (or part of it) by one fill. <see cref="GainOrLoss"/> is <see cref="Proceeds"/> less
/// <see cref="Cost"/>; a disallowed loss is given as a positive amount, and <see cref="RecognizedGainOrLoss"/> is the
/// gain or loss after adding it back. For a short lot the proceeds are the short sale's and the cost is the cover's
/// plus any deferred loss carried into the lot.
/// </summary>
public sealed record RealizedSale(
    string FillId,
    string LotId,
    string Account,
    string Symbol,
    string Underlying,
    LotDirection Direction,
    decimal Quantity,
    DateTimeOffset SoldAt,
    DateOnly SaleDate,
    DateOnly AcquiredOn,
    DateOnly AdjustedAcquiredOn,
    decimal Proceeds,
    decimal Cost,
    decimal WashSaleAdjustmentInCost,
    decimal CostAddedByLaterWashSale,
    decimal GainOrLoss,
    decimal DisallowedLoss,
    decimal PermanentlyDisallowedLoss,
    bool IsWashSale,
    bool IsPermanentlyDisallowed,
    decimal RecognizedGainOrLoss,
    bool IsLongTerm,
    IReadOnlyList<WashSaleMatch> Replacements);

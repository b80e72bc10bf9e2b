namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// Replacement shares matched to a loss sale. <see cref="IsPermanent"/>: bought in an IRA, so the loss is lost for
/// good and nothing is added to any basis. <see cref="AlreadySold"/>: the shares had been sold before the loss sale
/// (only with <see cref="WashSaleOptions.ReplacementsMayBeAlreadySold"/>); the loss went into that sale's cost.
/// </summary>
public sealed record WashSaleMatch(
    string ReplacementLotId,
    string Account,
    DateOnly AcquiredOn,
    decimal Shares,
    decimal DisallowedLoss,
    bool IsPermanent,
    bool AlreadySold);

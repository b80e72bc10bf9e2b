namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// The points where the wash-sale law leaves a choice. docs/compliance/wash-sales.md explains each one and why its
/// default was chosen.
/// </summary>
public sealed record WashSaleOptions
{
    public static WashSaleOptions Default { get; } = new();

    /// <summary>
    /// Whether shares bought within the 30 days before a loss sale still count as replacements when they were sold
    /// again before it. Off by default: only shares still held at the loss sale replace it. When on, the loss matched
    /// to already-sold shares is added to the cost of the sale that closed them.
    /// </summary>
    public bool ReplacementsMayBeAlreadySold { get; init; }

    /// <summary>
    /// Whether shares bought before the sold lot was bought (but still within the 30 days before the loss sale) can
    /// replace it, as the statute's words say. On by default; off follows the reading that only a later purchase
    /// "replaces" the shares sold.
    /// </summary>
    public bool EarlierAcquisitionsMayReplace { get; init; } = true;
}

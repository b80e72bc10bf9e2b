namespace SmartTrader.Compliance.DayTrading;

/// <summary>
/// A fill older than the last one the ledger recorded. The ledger only appends; rebuild it
/// (<see cref="DayTradeLedger.Rebuild"/>) to take in a late fill.
/// </summary>
public sealed class OutOfOrderFillException(Fill fill, DateTimeOffset lastRecorded)
    : InvalidOperationException(
        $"Fill of {fill.Symbol} at {fill.Time:O} is older than the last recorded fill ({lastRecorded:O}) of account {fill.Account}; rebuild the ledger to insert it.")
{
    public Fill Fill { get; } = fill;

    public DateTimeOffset LastRecorded { get; } = lastRecorded;
}

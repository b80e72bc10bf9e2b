namespace SmartTrader.Compliance.TaxLots;

/// <summary>A fill the ledger cannot apply: unknown account, out of time order, or a sale of lots that are not there.</summary>
public sealed class TaxLotException : InvalidOperationException
{
    public TaxLotException(string message) : base(message) { }

    public TaxLotException() { }

    public TaxLotException(string message, Exception innerException) : base(message, innerException) { }
}

using SmartTrader.Compliance;
using SmartTrader.Compliance.Margin;

namespace SmartTrader.Server.ComplianceCli;

/// <summary>
/// The margin state the offline check judges an order against, derived from the files alone: one position per symbol
/// (the signed sum of the account's fills), each marked at the symbol's last price (its last fill in the fills file,
/// in any account), and cash chosen so that cash + market value equals the account's equity in the accounts file.
/// </summary>
internal sealed class MarginStateFromFills
{
    private readonly Dictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);

    /// <param name="fills">Every fill, in time order.</param>
    public MarginStateFromFills(IReadOnlyList<Fill> fills)
    {
        foreach (var fill in fills) _lastPrices[fill.Symbol] = fill.Price;
    }

    /// <summary>The price of the symbol's last fill, in any account; null when it never traded.</summary>
    public decimal? LastPrice(string symbol) => _lastPrices.TryGetValue(symbol, out var price) ? price : null;

    /// <param name="fills">The account's fills in time order.</param>
    public MarginAccountState StateOf(ComplianceAccount account, IEnumerable<Fill> fills)
    {
        var quantities = new Dictionary<string, (decimal Quantity, decimal Multiplier)>(StringComparer.Ordinal);
        foreach (var fill in fills)
        {
            var signed = fill.Side.Direction() * fill.Quantity;
            var held = quantities.GetValueOrDefault(fill.Symbol).Quantity;
            quantities[fill.Symbol] = (held + signed, MultiplierOf(fill.Instrument));
        }
        var positions = quantities
            .Where(p => p.Value.Quantity != 0)
            .Select(p => new MarginPosition(p.Key, p.Value.Quantity, _lastPrices[p.Key], p.Value.Multiplier))
            .ToList();
        return new MarginAccountState(account.Equity - positions.Sum(p => p.MarketValue), positions);
    }

    private static decimal MultiplierOf(Instrument? instrument) =>
        instrument is { Type: InstrumentKind.Option } option ? option.Multiplier : 1m;
}

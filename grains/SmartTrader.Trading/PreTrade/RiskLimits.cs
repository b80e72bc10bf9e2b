using System.Text.Json.Serialization;

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// An account's risk limits (input <c>limits</c>), from configuration: <c>Trading:RiskLimits</c>, with
/// <c>Trading:AccountRiskLimits:{account}</c> overriding it per account. One shared instance per account.
/// </summary>
/// <param name="MaxOrderQuantity">Shares in one order.</param>
/// <param name="MaxOrderNotional">Estimated value of one order.</param>
/// <param name="PriceCollarPercent">How far, in percent of the last price, a limit order may reach through the market
/// (a buy above it, a sell below it).</param>
/// <param name="MaxPositionQuantity">Shares held long or short in one symbol, counting open orders.</param>
/// <param name="MaxGrossExposure">Long plus short market value of the whole account.</param>
/// <param name="MaxConcentrationPercent">One symbol's market value as a percentage of equity.</param>
/// <param name="RestrictedSymbols">Symbols the account may not trade.</param>
/// <param name="MaxOrdersPerSecond">Orders accepted in any one second.</param>
/// <param name="MaxDailyLoss">Loss since the session began at which orders that add exposure stop.</param>
public sealed record RiskLimits(
    decimal MaxOrderQuantity,
    decimal MaxOrderNotional,
    decimal PriceCollarPercent,
    decimal MaxPositionQuantity,
    decimal MaxGrossExposure,
    decimal MaxConcentrationPercent,
    [property: JsonConverter(typeof(SymbolSetJsonConverter))] IReadOnlySet<string> RestrictedSymbols,
    int MaxOrdersPerSecond,
    decimal MaxDailyLoss);

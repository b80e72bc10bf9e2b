using System.Text.Json.Serialization;

namespace SmartTrader.Compliance;

[JsonConverter(typeof(JsonStringEnumConverter<TradeSide>))]
public enum TradeSide { Buy, Sell, SellShort, BuyToCover }

public static class TradeSides
{
    /// <summary>+1 for a purchase (buy, buy to cover), -1 for a sale (sell, sell short).</summary>
    public static int Direction(this TradeSide side) => side is TradeSide.Buy or TradeSide.BuyToCover ? 1 : -1;
}

using System.Text.Json.Serialization;

namespace SmartTrader.Compliance;

[JsonConverter(typeof(JsonStringEnumConverter<TradeSide>))]
public enum TradeSide { Buy, Sell, SellShort, BuyToCover }

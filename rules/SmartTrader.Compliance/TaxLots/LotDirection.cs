using System.Text.Json.Serialization;

namespace SmartTrader.Compliance.TaxLots;

/// <summary>Long lots are opened by a Buy and closed by a Sell; short lots by a SellShort and a BuyToCover.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LotDirection>))]
public enum LotDirection { Long, Short }

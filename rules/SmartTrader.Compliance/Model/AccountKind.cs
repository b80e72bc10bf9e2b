using System.Text.Json.Serialization;

namespace SmartTrader.Compliance;

[JsonConverter(typeof(JsonStringEnumConverter<AccountKind>))]
public enum AccountKind { Cash, Margin, IRA }

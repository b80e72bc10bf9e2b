using System.Text.Json.Serialization;

namespace SmartTrader.Trading;

[JsonConverter(typeof(JsonStringEnumConverter<OrderSide>))]
public enum OrderSide { Buy, Sell, SellShort, BuyToCover }

[JsonConverter(typeof(JsonStringEnumConverter<OrderType>))]
public enum OrderType { Market, Limit }

[JsonConverter(typeof(JsonStringEnumConverter<TimeInForce>))]
public enum TimeInForce { Day, Gtc, Ioc }

[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus { New, Accepted, PartiallyFilled, Filled, Cancelled, Rejected }

[JsonConverter(typeof(JsonStringEnumConverter<AccountType>))]
public enum AccountType { Cash, Margin, IRA }

using System.Text.Json.Serialization;

namespace SmartTrader.Compliance.DayTrading;

/// <summary>The two ways FINRA lets a firm count day trades when a security is bought and sold several times in a day.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DayTradeCounting>))]
public enum DayTradeCounting
{
    /// <summary>Every opening transaction that is closed (in whole or in part) the same day is one day trade.</summary>
    Traditional,

    /// <summary>
    /// FINRA Regulatory Notice 21-13: a run of purchases (or sales) counts as one transaction, and each change of
    /// direction that closes a position opened that day is one day trade.
    /// </summary>
    DirectionChange,
}

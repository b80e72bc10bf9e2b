using System.Text.Json.Serialization;

namespace SmartTrader.Compliance.Calendar;

[JsonConverter(typeof(JsonStringEnumConverter<ClosureKind>))]
public enum ClosureKind
{
    /// <summary>A holiday of the exchange's rule, on its own date or on the weekday that observes it.</summary>
    Holiday,

    /// <summary>A closure decided at short notice: a national day of mourning, an emergency, the weather.</summary>
    Unscheduled,
}

/// <summary>A weekday on which the exchange is closed all day.</summary>
public sealed record ExchangeHoliday(DateOnly Date, string Name, ClosureKind Kind);

using System.Text.Json.Serialization;

namespace SmartTrader.Compliance;

[JsonConverter(typeof(JsonStringEnumConverter<InstrumentKind>))]
public enum InstrumentKind { Stock, Option }

[JsonConverter(typeof(JsonStringEnumConverter<OptionRight>))]
public enum OptionRight { Call, Put }

/// <summary>
/// What a fill traded when it is not simply the stock named by its symbol. An option contract covers
/// <see cref="Multiplier"/> shares of <see cref="Underlying"/>.
/// </summary>
public sealed record Instrument(
    InstrumentKind Type,
    string Underlying,
    OptionRight? Right = null,
    decimal? Strike = null,
    DateOnly? Expiry = null,
    int Multiplier = 100)
{
    /// <summary>The security a trade in <paramref name="symbol"/> gives shares of, or a right to: an option's underlying, or the symbol.</summary>
    internal static string UnderlyingOf(string symbol, Instrument? instrument) =>
        instrument?.Type == InstrumentKind.Option ? instrument.Underlying : symbol;
}

using System.Text.Json.Serialization;

namespace SmartTrader.Compliance.DayTrading;

[JsonConverter(typeof(JsonStringEnumConverter<PdtRegime>))]
public enum PdtRegime
{
    /// <summary>FINRA Rule 4210(f)(8)(B): day-trade counts, the pattern day trader designation and its $25,000 minimum.</summary>
    Legacy,

    /// <summary>FINRA Rule 4210 as amended by SR-FINRA-2025-017: maintenance margin applies during the day.</summary>
    IntradayMargin,
}

namespace SmartTrader.Trading.PreTrade;

/// <summary>
/// The rules files shipped in <c>rules/rulesets/</c>, embedded in this assembly so that every host finds them,
/// whatever its working directory.
/// </summary>
public static class ShippedRulesets
{
    /// <summary>Where the pre-trade rules live in the repository; the ruleset's audit trail names it as the source.</summary>
    public const string PreTradeSource = "rules/rulesets/pre-trade.json";

    public static string PreTrade { get; } = Read("pre-trade.json");

    private static string Read(string fileName)
    {
        var name = "SmartTrader.Rulesets." + fileName;
        using var stream = typeof(ShippedRulesets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped ruleset {fileName} is not embedded in {typeof(ShippedRulesets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

namespace SmartTrader.Rules.Model;

/// <summary>A named value computed once and visible to later params and rules in its scope.</summary>
public sealed class ScopedParam
{
    public string Name { get; set; } = "";

    public string Expression { get; set; } = "";
}

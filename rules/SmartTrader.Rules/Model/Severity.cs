namespace SmartTrader.Rules.Model;

/// <summary>What a failed rule means to the caller. Read from a rule's <c>Properties.Severity</c>; Block when absent.</summary>
public enum Severity
{
    Block = 0,
    Warn = 1,
    Info = 2,
}

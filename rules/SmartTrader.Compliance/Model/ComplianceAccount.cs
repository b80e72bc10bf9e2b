namespace SmartTrader.Compliance;

/// <summary>
/// An account as compliance sees it. Accounts with the same <see cref="Owner"/> belong to one taxpayer (wash sales
/// look across them). <see cref="Equity"/> is the equity at the previous close.
/// </summary>
public sealed record ComplianceAccount(string Id, string Owner, AccountKind Type, decimal Equity);

using System.Collections.Immutable;

namespace SmartTrader.Rules.Governance;

/// <summary>The user asking for a change, with the roles they hold right now.</summary>
public sealed record GovernanceActor(string UserName, ImmutableArray<string> Roles)
{
    /// <summary>The role every change to a ruleset requires.</summary>
    public const string ComplianceRole = "compliance";

    /// <summary>Who start-up seeding acts as.</summary>
    public static GovernanceActor System { get; } = new("system", [ComplianceRole]);

    public bool IsCompliance => Roles.Contains(ComplianceRole, StringComparer.OrdinalIgnoreCase);
}

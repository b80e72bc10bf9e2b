using System.Security.Cryptography;
using System.Text;
using SmartTrader.Rules.Model;

namespace SmartTrader.Rules.Governance;

/// <summary>
/// A rules document as a ruleset version stores it: re-serialized in one canonical layout, so equal rules have equal
/// text and an equal hash whatever spacing, comments or property-name case they were sent with.
/// </summary>
public sealed class RulesetContent
{
    private RulesetContent(string json, string hash, IReadOnlyList<Workflow> workflows)
    {
        Json = json;
        Hash = hash;
        Workflows = workflows;
    }

    public string Json { get; }

    /// <summary>SHA-256 of <see cref="Json"/> (UTF-8), lower-case hex.</summary>
    public string Hash { get; }

    public IReadOnlyList<Workflow> Workflows { get; }

    /// <summary>Reads a rules file; throws <see cref="RulesDocumentException"/> (with line and column) when it is not one.</summary>
    public static RulesetContent Parse(string json)
    {
        var workflows = RulesDocument.Parse(json);
        if (workflows.Count == 0)
            throw new RulesDocumentException("A rules document needs at least one workflow.", 1, 1);
        if (workflows.Any(w => w is null))
            throw new RulesDocumentException("A rules document cannot contain null in place of a workflow.", 1, 1);
        var canonical = RulesDocument.Serialize(workflows);
        return new RulesetContent(canonical, HashOf(canonical), workflows);
    }

    public static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}

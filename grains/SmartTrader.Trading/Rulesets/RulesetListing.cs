using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

public sealed record RulesetVersionStatusView(int Version, RulesetVersionStatus Status);

/// <summary>A ruleset at a glance: which version is active, the newest one, and the status of each.</summary>
public sealed record RulesetSummary(string Name, int? ActiveVersion, int LatestVersion, ImmutableArray<RulesetVersionStatusView> Versions)
{
    public static RulesetSummary Of(Ruleset ruleset) => new(
        ruleset.Name, ruleset.Active?.Number, ruleset.Latest?.Number ?? 0,
        [.. ruleset.Versions.Select(v => new RulesetVersionStatusView(v.Number, v.Status))]);
}

/// <summary>One page of rulesets, in name order; pass <see cref="Next"/> as ?after= for the next page.</summary>
public sealed record RulesetPage(ImmutableArray<RulesetSummary> Rulesets, string? Next);

/// <summary>Lists rulesets from the ruleset grains' stored rows, without activating a grain per ruleset.</summary>
public sealed class RulesetListing(IGrainStorage storage)
{
    public async Task<RulesetPage> ListAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rulesets = ImmutableArray.CreateBuilder<RulesetSummary>();
        var cursor = after;
        while (true)
        {
            var batch = limit - rulesets.Count;
            var rows = await storage.QueryByKeyPrefixAsync(RulesetGrain.TypeName, RulesetGrain.StateName, keyPrefix: "", cursor, batch, cancellationToken);
            foreach (var row in rows)
            {
                cursor = row.Key.GrainKey;
                if (RulesetOf(row) is { Versions.IsEmpty: false } ruleset) rulesets.Add(RulesetSummary.Of(ruleset));
            }
            if (rulesets.Count == limit) return new RulesetPage(rulesets.ToImmutable(), cursor);
            if (rows.Count < batch) return new RulesetPage(rulesets.ToImmutable(), null);
        }
    }

    private static Ruleset? RulesetOf(StoredState row) => JsonSerializer.Deserialize<RulesetState>(row.Payload, GrainStateJson.Options)?.Ruleset;
}

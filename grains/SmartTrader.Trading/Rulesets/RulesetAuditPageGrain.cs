using System.Collections.Immutable;
using System.Text.Json;
using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// Key: "{ruleset}/{page number, six digits}". A full page of a ruleset's audit trail, written once and never changed.
/// </summary>
public interface IRulesetAuditPageGrain : IGrainWithStringKey
{
    Task<ImmutableArray<RulesetAuditEntry>> Get();

    /// <summary>
    /// Writes the page. Sealing it again with the same entries does nothing (the ruleset grain retries after a failed
    /// write of its own row); with other entries it throws, since a sealed page never changes.
    /// </summary>
    Task Seal(ImmutableArray<RulesetAuditEntry> entries);
}

public sealed class RulesetAuditPageState
{
    public ImmutableArray<RulesetAuditEntry> Entries { get; set; } = [];
}

[GrainType(TypeName)]
[CollectionAgeLimit(2)]
public sealed class RulesetAuditPageGrain([PersistentState(RulesetAuditPageGrain.StateName)] IPersistentState<RulesetAuditPageState> state)
    : Grain, IRulesetAuditPageGrain
{
    public const string TypeName = "ruleset-audit";
    public const string StateName = "page";

    public static string KeyOf(string ruleset, int page) => $"{ruleset}/{page:D6}";

    public Task<ImmutableArray<RulesetAuditEntry>> Get() => Task.FromResult(state.State.Entries);

    public async Task Seal(ImmutableArray<RulesetAuditEntry> entries)
    {
        if (state.RecordExists)
        {
            if (Json(state.State.Entries) != Json(entries))
                throw new InvalidOperationException($"Audit page {Key} is already sealed with other entries.");
            return;
        }
        state.State.Entries = entries;
        await state.WriteStateAsync();
    }

    private static string Json(ImmutableArray<RulesetAuditEntry> entries) => JsonSerializer.Serialize(entries, GrainStateJson.Options);
}

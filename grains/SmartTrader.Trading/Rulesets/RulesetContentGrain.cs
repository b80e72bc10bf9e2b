using SmartTrader.Rules.Governance;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Rulesets;

/// <summary>
/// Key: "{ruleset}/{sha256 of the content}". Content-addressed, so a row never changes once written: a draft edit
/// stores a new row and moves the version's hash, and an edit whose header write fails leaves only an unused row.
/// </summary>
public interface IRulesetContentGrain : IGrainWithStringKey
{
    Task<string?> Get();

    /// <summary>Stores the content once; the content must hash to the key. Storing it again does nothing.</summary>
    Task Store(string content);
}

public sealed class RulesetContentState
{
    public string? Content { get; set; }
}

[GrainType(TypeName)]
[CollectionAgeLimit(2)]
public sealed class RulesetContentGrain([PersistentState(RulesetContentGrain.StateName)] IPersistentState<RulesetContentState> state)
    : Grain, IRulesetContentGrain
{
    public const string TypeName = "ruleset-content";
    public const string StateName = "content";

    public static string KeyOf(string ruleset, string contentHash) => $"{ruleset}/{contentHash}";

    public Task<string?> Get() => Task.FromResult(state.State.Content);

    public async Task Store(string content)
    {
        var hash = Key[(Key.LastIndexOf('/') + 1)..];
        if (RulesetContent.HashOf(content) != hash)
            throw new ArgumentException($"Content stored under {Key} must hash to {hash}.", nameof(content));
        if (state.State.Content is not null) return;
        state.State.Content = content;
        await state.WriteStateAsync();
    }
}

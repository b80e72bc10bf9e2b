using SmartTrader.Runtime;

namespace SmartTrader.Trading.Grains;

public sealed class TaxOwnerAccountState
{
    public bool Registered { get; set; }
}

/// <summary>An account's registration with its owner: one row, written once, listed by <see cref="ReadModels.TaxOwnerSources"/>.</summary>
[GrainType(TypeName)]
public sealed class TaxOwnerAccountGrain([PersistentState(TaxOwnerAccountGrain.StateName)] IPersistentState<TaxOwnerAccountState> state)
    : Grain, ITaxOwnerAccountGrain
{
    public const string TypeName = "tax-owner-account";
    public const string StateName = "registration";

    /// <summary>Owners never contain '/' (an account cannot be opened for one that does), so "{owner}/" lists exactly one owner's rows.</summary>
    public static string KeyOf(string owner, string account) => $"{owner}/{account}";

    public async Task Register()
    {
        // Read once and never again: no reason to hold an activation per account.
        DeactivateOnIdle();
        if (state.State.Registered) return;
        state.State.Registered = true;
        await state.WriteStateAsync();
    }
}

using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Trading.Grains;

public sealed class AccountDirectoryState
{
    public Dictionary<string, AccountInfo> Accounts { get; set; } = [];
}

public sealed class AccountDirectoryGrain([PersistentState("directory")] IPersistentState<AccountDirectoryState> state)
    : DurableGrain, IAccountDirectoryGrain
{
    public async Task Register(AccountInfo account)
    {
        if (state.State.Accounts.TryGetValue(account.Account, out var known) && known == account) return;
        state.State.Accounts[account.Account] = account;
        await Commit(state);
    }

    public Task<ImmutableArray<AccountInfo>> List() =>
        Task.FromResult(state.State.Accounts.Values.OrderBy(a => a.Account, StringComparer.Ordinal).ToImmutableArray());
}

using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Identity;

public sealed class UserDirectoryState
{
    public SortedSet<string> UserNames { get; set; } = [];
}

public sealed class UserDirectoryGrain([PersistentState("users")] IPersistentState<UserDirectoryState> state)
    : Grain, IUserDirectoryGrain
{
    public async Task Register(string userName)
    {
        if (state.State.UserNames.Add(userName)) await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.UserNames.ToImmutableArray());
}

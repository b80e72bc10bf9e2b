using System.Collections.Immutable;
using SmartTrader.Runtime;
using SmartTrader.Trading;

namespace SmartTrader.Server.Identity;

public sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> state) : Grain, IUserGrain
{
    private UserView? _view;

    private UserState User => state.State;

    public async Task<UserView> Create(string password, ImmutableArray<string> roles)
    {
        if (state.RecordExists) throw new TradingException(TradingErrorKind.Conflict, $"User '{Key}' already exists.");
        state.State = new UserState
        {
            UserName = Key,
            PasswordHash = PasswordHasher.Hash(password),
            Roles = [.. roles],
            CreatedAt = Time.GetUtcNow(),
        };
        await Save();
        return View();
    }

    public Task<UserView?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    public Task<UserSession?> SignIn(string password)
    {
        if (!state.RecordExists)
        {
            PasswordHasher.SimulateVerify(password);
            return Task.FromResult<UserSession?>(null);
        }
        var valid = PasswordHasher.Verify(password, User.PasswordHash) && !User.Disabled;
        return Task.FromResult(valid ? new UserSession(View(), User.SessionVersion) : null);
    }

    public Task<UserView?> Resume(int sessionVersion) =>
        Task.FromResult(state.RecordExists && !User.Disabled && User.SessionVersion == sessionVersion ? View() : null);

    public async Task EndSessions()
    {
        EnsureExists();
        User.SessionVersion++;
        await Save();
    }

    public async Task<UserView> GrantAccount(string account)
    {
        EnsureExists();
        if (User.Accounts.Add(account)) await Save();
        return View();
    }

    public async Task<UserView> RevokeAccount(string account)
    {
        EnsureExists();
        if (User.Accounts.Remove(account)) await Save();
        return View();
    }

    public async Task<UserView> SetDisabled(bool disabled)
    {
        EnsureExists();
        if (User.Disabled != disabled)
        {
            User.Disabled = disabled;
            await Save();
        }
        return View();
    }

    private void EnsureExists()
    {
        if (!state.RecordExists) throw new TradingException(TradingErrorKind.NotFound, $"User '{Key}' does not exist.");
    }

    public Task<bool> HasGrant(string account) => Task.FromResult(state.RecordExists && User.Accounts.Contains(account));

    /// <summary>Built once per change, not per request: every request resumes the session through this grain.</summary>
    private UserView View() => _view ??= new(User.UserName, [.. User.Roles], [.. User.Accounts], User.Disabled, User.CreatedAt);

    private Task Save()
    {
        _view = null;
        return state.WriteStateAsync();
    }
}

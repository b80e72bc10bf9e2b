using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Server.Hosting;
using SmartTrader.Trading;

namespace SmartTrader.Server.Identity;

/// <summary>
/// The source of truth for a user. Silos keep copies of its sessions and grants (<see cref="UserAccessCache"/>); every
/// change it saves drops them on every live silo before the change returns. A silo that does not answer within
/// <see cref="AuthOptions.AccessCacheDuration"/> is not waited for: its copy expires within that time anyway.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state, ISiloRoster silos, IOptions<SmartTraderOptions> options, ILogger<UserGrain> logger)
    : Grain, IUserGrain
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

    private async Task Save()
    {
        _view = null;
        await state.WriteStateAsync();
        await DropCopies();
    }

    private async Task DropCopies()
    {
        var wait = options.Value.Auth.AccessCacheDuration;
        if (wait <= TimeSpan.Zero) return;
        var allDropped = await silos.CallEachAsync<IUserAccessCacheGrain>(
            GrainFactory, cache => cache.Drop(Key), wait, Time, (silo, e) => LogDropFailed(e, Key, silo.Value));
        if (!allDropped) LogDropsSlow(Key, wait.TotalMilliseconds);
    }

    [LoggerMessage(LogLevel.Warning, "User {User} changed; silo {Silo} did not drop its copy of the user's access and keeps it until it expires")]
    private partial void LogDropFailed(Exception exception, string user, string silo);

    [LoggerMessage(LogLevel.Warning, "User {User} changed; not every silo confirmed dropping its copy within {Milliseconds} ms, when the copies expire")]
    private partial void LogDropsSlow(string user, double milliseconds);
}

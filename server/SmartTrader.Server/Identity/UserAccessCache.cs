using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Server.Hosting;

namespace SmartTrader.Server.Identity;

/// <summary>
/// This silo's copy of what the user grains answered about sessions and grants, so a request does not ask a user grain
/// held by another silo. The user grain stays the source of truth:
/// <list type="bullet">
/// <item>Only successes are kept: a resumed session (for that session version) and the user's grants with it. A session
/// that is not current, and a grant the copy does not list, are always asked of the user grain, so a new grant or a
/// new sign-in works at once.</item>
/// <item>Every change a user grain saves drops the user's copy on every silo before the change returns
/// (<see cref="IUserAccessCacheGrain"/>), so a logout, a disabled user or a revoked grant is refused by every silo
/// it reached once the call that made it returns.</item>
/// <item>A copy is kept at most <see cref="AuthOptions.AccessCacheDuration"/>: that bounds how long a silo the user
/// grain could not reach keeps honouring a revoked session or grant.</item>
/// </list>
/// An answer that was on its way while a drop arrived is used for its own request but not kept.
/// </summary>
public sealed class UserAccessCache(IGrainFactory grains, TimeProvider time, IOptions<SmartTraderOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.Auth.AccessCacheDuration;
    private long _drops;

    /// <summary>The user if <paramref name="sessionVersion"/> is current and the user enabled; otherwise null.</summary>
    public async Task<UserView?> ResumeAsync(string userName, int sessionVersion)
    {
        if (Fresh(userName) is { } kept && kept.SessionVersion == sessionVersion) return kept.User;
        var drops = Volatile.Read(ref _drops);
        var user = await grains.GetGrain<IUserGrain>(userName).Resume(sessionVersion);
        if (user is not null && _duration > TimeSpan.Zero && Volatile.Read(ref _drops) == drops)
            _entries[userName] = new Entry(sessionVersion, user, user.Accounts.ToFrozenSet(StringComparer.Ordinal), time.GetTimestamp());
        return user;
    }

    public async Task<bool> HasGrantAsync(string userName, string account) =>
        Fresh(userName) is { } kept && kept.Accounts.Contains(account) || await grains.GetGrain<IUserGrain>(userName).HasGrant(account);

    /// <summary>Forgets the user; answers already on their way are not kept.</summary>
    public void Drop(string userName)
    {
        Interlocked.Increment(ref _drops);
        _entries.TryRemove(userName, out _);
    }

    private Entry? Fresh(string userName) =>
        _entries.TryGetValue(userName, out var entry) && time.GetElapsedTime(entry.StoredAt) < _duration ? entry : null;

    private sealed record Entry(int SessionVersion, UserView User, FrozenSet<string> Accounts, long StoredAt);
}

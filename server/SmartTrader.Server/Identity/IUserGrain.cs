using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Identity;

/// <summary>Key: the lower-case user name. Credentials, roles and account grants of one user.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Fails with Conflict when the user exists.</summary>
    Task<UserView> Create(string password, ImmutableArray<string> roles);

    Task<UserView?> Get();

    /// <summary>Null when the user is unknown, disabled, or the password is wrong.</summary>
    Task<UserSession?> SignIn(string password);

    /// <summary>The user when <paramref name="sessionVersion"/> is still current and the user is enabled; otherwise null.</summary>
    Task<UserView?> Resume(int sessionVersion);

    Task EndSessions();

    Task<UserView> GrantAccount(string account);

    /// <summary>Whether the user holds a grant on the account; asked on every account request.</summary>
    Task<bool> HasGrant(string account);

    Task<UserView> RevokeAccount(string account);

    Task<UserView> SetDisabled(bool disabled);
}

using System.Collections.Immutable;

namespace SmartTrader.Server.Identity;

public sealed record UserView(string UserName, ImmutableArray<string> Roles, ImmutableArray<string> Accounts, bool Disabled, DateTimeOffset CreatedAt);

/// <summary>A successful password check: the user and the session version to stamp into the sign-in.</summary>
public sealed record UserSession(UserView User, int SessionVersion);

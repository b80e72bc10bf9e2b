namespace SmartTrader.Server.Identity;

public sealed class UserState
{
    public string UserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public SortedSet<string> Roles { get; set; } = [];
    public SortedSet<string> Accounts { get; set; } = [];
    public bool Disabled { get; set; }

    /// <summary>Stamped into every sign-in; raising it ends all of the user's sessions (cookies and bearer tokens).</summary>
    public int SessionVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

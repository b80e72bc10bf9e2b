namespace SmartTrader.Server.Hosting;

public enum ServerMode { Embedded, Production }

public enum StorageProvider { Sqlite, Postgres }

/// <summary>Section "SmartTrader". The CLI options of <c>serve</c> map onto these keys.</summary>
public sealed class SmartTraderOptions
{
    public const string Section = "SmartTrader";

    public ServerMode Mode { get; set; } = ServerMode.Embedded;
    public StorageProvider Storage { get; set; } = StorageProvider.Sqlite;

    /// <summary>PostgreSQL connection string; required with <see cref="StorageProvider.Postgres"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite database, data-protection keys and (when set) logs live here. Default ./.data.</summary>
    public string? DataDir { get; set; }

    /// <summary>Seed the demo users and account. Default: on in embedded mode only.</summary>
    public bool? Seed { get; set; }

    /// <summary>
    /// Run this silo as a member of a cluster (section "Cluster": Host, Port, timings). Needs PostgreSQL storage: the
    /// silos share its database for grain state, membership and the data-protection keys.
    /// </summary>
    public bool Cluster { get; set; }

    public AuthOptions Auth { get; set; } = new();

    /// <summary>Embedded: one silo on SQLite with fixed demo credentials, bound to localhost. Anything else is treated as production.</summary>
    public bool IsEmbedded => Mode == ServerMode.Embedded && Storage == StorageProvider.Sqlite;

    public bool SeedsDemoData => Seed ?? IsEmbedded;

    public string DataDirectory => Path.GetFullPath(DataDir ?? ".data");

    public string DatabasePath => Path.Combine(DataDirectory, "smarttrader.db");

    public string LogDirectory => Path.GetFullPath(DataDir is null ? "logs" : Path.Combine(DataDir, "logs"));
}

public sealed class AuthOptions
{
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Sign-in attempts allowed per client address and minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// How long a silo may answer a user's session and grants from its own copy (<see cref="Identity.UserAccessCache"/>):
    /// the longest a silo the user grain cannot reach honours a revoked session or grant. Zero keeps no copy.
    /// </summary>
    public TimeSpan AccessCacheDuration { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The administrator created at start when absent. Required outside embedded mode.</summary>
public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(UserName) && !string.IsNullOrEmpty(Password);
}

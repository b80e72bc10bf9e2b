using System.Net;

namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// Settings of a clustered silo (section "Cluster" in configuration). The defaults detect a dead silo within about
/// <see cref="DeathLimit"/> + <see cref="HeartbeatPeriod"/> + <see cref="ProbeTimeout"/>; docs/cluster.md explains the timings.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>PostgreSQL holding the membership and directory tables; null uses the PostgreSQL grain storage's.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The host other silos reach this one at (its transport's advertised host).</summary>
    public string Host { get; set; } = Dns.GetHostName();

    /// <summary>The port this silo's transport listens on.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>How often a silo writes its heartbeat and re-reads the membership table.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A peer whose heartbeat is older than this is probed and, if it does not answer, declared dead. A silo that
    /// cannot heartbeat for this long stops serving (until a heartbeat commits again), so it has always stopped before
    /// its peers may declare it dead.
    /// </summary>
    public TimeSpan DeathLimit { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a silent peer has to answer a probe.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for one statement on the membership or directory tables.</summary>
    public TimeSpan DatabaseTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long rows of dead silos stay in the table (for diagnosis) before they and their directory entries are deleted.</summary>
    public TimeSpan DeadSiloRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Graceful shutdown waits this long after announcing ShuttingDown and again after Dead, so that every peer has
    /// re-read the table (they do every <see cref="HeartbeatPeriod"/>) before this silo stops answering.
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Called once when this silo stops serving for good (it read itself declared dead, or its row is gone), with the
    /// reason. Null stops the host (IHostApplicationLifetime.StopApplication), within <see cref="FencedShutdownTimeout"/>.
    /// A lapsed lease does not call it: the silo serves again once a heartbeat commits.
    /// </summary>
    public Action<string>? OnFenced { get; set; }

    /// <summary>
    /// The longest a host stopped by the fence waits for work in flight (it lowers HostOptions.ShutdownTimeout). None of
    /// that work can succeed, and a statement sent while the silo was cut off may still wait on a connection that no
    /// longer answers, holding the stop for the driver's command timeout and the supervisor's restart with it.
    /// </summary>
    public TimeSpan FencedShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Host) || Host.Contains('@')) yield return $"Cluster:Host '{Host}' is not a host name.";
        if (Port is < 1 or > 65535) yield return $"Cluster:Port {Port} is not a TCP port.";
        if (HeartbeatPeriod <= TimeSpan.Zero) yield return "Cluster:HeartbeatPeriod must be positive.";
        if (DeathLimit < 2 * HeartbeatPeriod) yield return "Cluster:DeathLimit must be at least twice the HeartbeatPeriod.";
        if (ProbeTimeout <= TimeSpan.Zero) yield return "Cluster:ProbeTimeout must be positive.";
        if (DatabaseTimeout <= TimeSpan.Zero) yield return "Cluster:DatabaseTimeout must be positive.";
        if (DeadSiloRetention < TimeSpan.Zero) yield return "Cluster:DeadSiloRetention must not be negative.";
        if (ShutdownDrainDelay < TimeSpan.Zero) yield return "Cluster:ShutdownDrainDelay must not be negative.";
        if (FencedShutdownTimeout < TimeSpan.Zero) yield return "Cluster:FencedShutdownTimeout must not be negative.";
    }
}

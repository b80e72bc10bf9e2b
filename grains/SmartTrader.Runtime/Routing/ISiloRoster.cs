namespace SmartTrader.Runtime;

/// <summary>The silos that may be serving, for work that must reach each of them (see <see cref="OnEverySiloAttribute"/>).</summary>
public interface ISiloRoster
{
    /// <summary>This silo alone in a single silo; in a cluster, every silo of the membership view not declared dead.</summary>
    IReadOnlyList<SiloAddress> Live { get; }
}

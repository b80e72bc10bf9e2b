namespace SmartTrader.Runtime;

/// <summary>
/// Lets a cluster withdraw this silo's right to change grain state: once the silo has been declared dead, or has lost
/// its membership lease, another silo may host its grains. Not registered in a single silo.
/// </summary>
public interface ISiloFence
{
    /// <summary>Throws when this silo may no longer serve grains or write their state.</summary>
    void ThrowIfFenced();
}

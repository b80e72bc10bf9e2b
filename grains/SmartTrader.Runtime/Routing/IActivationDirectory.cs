namespace SmartTrader.Runtime;

/// <summary>
/// Where a grain is active across a cluster. The catalog asks it before a new activation reads its state, and tells it
/// after an activation it registered has gone. Not registered in a single silo, which needs to ask nobody.
/// </summary>
public interface IActivationDirectory
{
    /// <summary>
    /// Claims the grain for this silo. Null when this silo may activate it; otherwise the silo that hosts (or should
    /// host) it, to which the calls waiting for this activation are forwarded instead.
    /// </summary>
    ValueTask<SiloAddress?> RegisterAsync(GrainId grainId);

    /// <summary>
    /// Releases the claim once the activation has deactivated, before calls that waited for it go to a fresh activation.
    /// Failures are the directory's to log: a stale claim naming a live silo only costs a forwarded call.
    /// </summary>
    ValueTask UnregisterAsync(GrainId grainId);

    /// <summary>
    /// Passes this silo's claim to <paramref name="silo"/>, where the grain is moving, once its activation here has
    /// deactivated. False when this silo did not hold the claim.
    /// </summary>
    ValueTask<bool> HandOverAsync(GrainId grainId, SiloAddress silo);
}

namespace SmartTrader.Runtime;

/// <summary>Sends a grain call to the silo that owns the grain.</summary>
public interface IRemoteGrainInvoker
{
    /// <summary>
    /// Invokes <paramref name="method"/> on the remote activation. The returned task has the method's return type
    /// (<c>Task&lt;T&gt;</c> for <c>Task&lt;T&gt;</c> methods) and fails with the callee's exception.
    /// </summary>
    Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context);
}

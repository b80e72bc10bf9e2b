using System.Reflection;

namespace SmartTrader.Runtime;

/// <summary>
/// One method of a grain interface, prepared once: how to invoke it on an activation without reflection, and how to
/// hand its typed result back to a caller whose call had to wait for the turn.
/// </summary>
public abstract class GrainMethod
{
    private protected GrainMethod(MethodInfo method, Func<object, object?[], Task> invoke)
    {
        Method = method;
        Interface = method.DeclaringType!;
        Name = method.Name;
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        Invoke = invoke;
    }

    public MethodInfo Method { get; }
    public Type Interface { get; }
    public string Name { get; }
    public bool AlwaysInterleave { get; }

    /// <summary>Calls the method on a grain instance; the returned task is the grain's own.</summary>
    internal Func<object, object?[], Task> Invoke { get; }

    internal abstract GrainCall CreateCall(object?[] arguments, CallContextData? context);

    /// <summary>A failed task of the method's return type, so callers see failures as faulted tasks, never as throws.</summary>
    internal abstract Task Failed(Exception exception);

    /// <summary>Wraps a pending call so that it fails with a <see cref="TimeoutException"/> naming the grain and method.</summary>
    internal abstract Task WithTimeout(Task call, GrainId grainId, TimeSpan timeout, TimeProvider time);

    public override string ToString() => $"{Interface.Name}.{Name}";
}

/// <summary>A grain method returning <c>Task&lt;TResult&gt;</c>, or plain <c>Task</c> when <see cref="IsVoid"/>.</summary>
internal sealed class GrainMethod<TResult>(MethodInfo method, Func<object, object?[], Task> invoke, bool isVoid)
    : GrainMethod(method, invoke)
{
    public bool IsVoid { get; } = isVoid;

    internal override GrainCall CreateCall(object?[] arguments, CallContextData? context) =>
        new GrainCall<TResult>(this, arguments, context);

    internal override Task Failed(Exception exception) => Task.FromException<TResult>(exception);

    internal TResult ResultOf(Task completed) => IsVoid ? default! : ((Task<TResult>)completed).Result;

    internal override Task WithTimeout(Task call, GrainId grainId, TimeSpan timeout, TimeProvider time) =>
        WaitAsync(call, grainId, timeout, time);

    private async Task<TResult> WaitAsync(Task call, GrainId grainId, TimeSpan timeout, TimeProvider time)
    {
        try
        {
            await call.WaitAsync(timeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            throw new TimeoutException($"Call to {this} on grain {grainId} did not complete within {timeout}.");
        }
        return ResultOf(call);
    }
}

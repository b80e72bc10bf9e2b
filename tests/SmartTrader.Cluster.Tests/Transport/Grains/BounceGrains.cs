using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Starts a call chain that comes back to the grain it started from: this grain → the other → this grain.</summary>
public interface IBouncer : IGrainWithStringKey
{
    Task<string> Start(string otherKey);

    Task<string> Echo(string text);

    [AlwaysInterleave]
    Task<string> InterleavedEcho(string text);
}

public interface IBounceBack : IGrainWithStringKey
{
    Task<string> Back(string callerKey, string callerInterface, bool interleaved);
}

[Reentrant]
public sealed class ReentrantBouncerGrain : Grain, IBouncer, IReentrantBouncer
{
    public Task<string> Start(string otherKey) =>
        GrainFactory.GetGrain<IBounceBack>(otherKey).Back(Key, nameof(IReentrantBouncer), interleaved: false);

    public Task<string> Echo(string text) => Task.FromResult("reentrant:" + text);

    public Task<string> InterleavedEcho(string text) => Echo(text);
}

public interface IReentrantBouncer : IBouncer;
public interface INonReentrantBouncer : IBouncer;
public interface IInterleavingBouncer : IBouncer;

public sealed class NonReentrantBouncerGrain : Grain, INonReentrantBouncer
{
    public Task<string> Start(string otherKey) =>
        GrainFactory.GetGrain<IBounceBack>(otherKey).Back(Key, nameof(INonReentrantBouncer), interleaved: false);

    public Task<string> Echo(string text) => Task.FromResult("turn-based:" + text);

    public Task<string> InterleavedEcho(string text) => Echo(text);
}

public sealed class InterleavingBouncerGrain : Grain, IInterleavingBouncer
{
    public Task<string> Start(string otherKey) =>
        GrainFactory.GetGrain<IBounceBack>(otherKey).Back(Key, nameof(IInterleavingBouncer), interleaved: true);

    public Task<string> Echo(string text) => Task.FromResult("turn-based:" + text);

    public Task<string> InterleavedEcho(string text) => Task.FromResult("interleaved:" + text);
}

public sealed class BounceBackGrain : Grain, IBounceBack
{
    public Task<string> Back(string callerKey, string callerInterface, bool interleaved)
    {
        IBouncer caller = callerInterface switch
        {
            nameof(IReentrantBouncer) => GrainFactory.GetGrain<IReentrantBouncer>(callerKey),
            nameof(INonReentrantBouncer) => GrainFactory.GetGrain<INonReentrantBouncer>(callerKey),
            _ => GrainFactory.GetGrain<IInterleavingBouncer>(callerKey),
        };
        return interleaved ? caller.InterleavedEcho("back") : caller.Echo("back");
    }
}

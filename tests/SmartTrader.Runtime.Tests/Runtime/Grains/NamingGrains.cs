namespace SmartTrader.Runtime.Tests.Runtime.Grains;

public interface IAmbiguousGrain : IGrainWithStringKey
{
    Task Ping();
}

public sealed class AmbiguousOneGrain : Grain, IAmbiguousGrain
{
    public Task Ping() => Task.CompletedTask;
}

public sealed class AmbiguousTwoGrain : Grain, IAmbiguousGrain
{
    public Task Ping() => Task.CompletedTask;
}

public interface INamedGrain : IGrainWithStringKey
{
    Task<string> WhoAmI();
}

[GrainType("custom-name")]
public sealed class NamedGrain : Grain, INamedGrain
{
    public Task<string> WhoAmI() => Task.FromResult(GrainId.ToString());
}

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task Ping();
}

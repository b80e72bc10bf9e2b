using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

/// <summary>Key: a silo's address. Answers which silo runs it.</summary>
public interface ISiloLocalProbeGrain : IGrainWithStringKey
{
    Task<string> Silo();
}

[OnEverySilo]
public sealed class SiloLocalProbeGrain(ILocalSilo silo) : Grain, ISiloLocalProbeGrain
{
    public Task<string> Silo() => Task.FromResult(silo.Address.Value);
}

using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

public interface IRelayGrain : IGrainWithStringKey
{
    Task CallFailing(string failingKey, string what);
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task CallFailing(string failingKey, string what) => GrainFactory.GetGrain<IFailingGrain>(failingKey).Throw(what);
}

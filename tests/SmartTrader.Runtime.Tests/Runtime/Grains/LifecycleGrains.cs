using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime.Grains;

public interface ISlowDeactivationGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

/// <summary>Its OnDeactivateAsync waits for the gate "deactivate".</summary>
public sealed class SlowDeactivationGrain(CallLog log) : Grain, ISlowDeactivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add("activate");
        return Task.CompletedTask;
    }

    public async override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add("deactivating");
        await log.Gate("deactivate");
        log.Add("deactivated");
    }

    public Task<string> Ping()
    {
        log.Add("ping");
        return Task.FromResult("pong");
    }
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task Touch();
}

[CollectionAgeLimit(minutes: 2)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    public Task Touch() => Task.CompletedTask;
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> Get();
}

public sealed class FailingActivationGrain(CallLog log) : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add("activate");
        throw new TradeRejectedException("activation refused");
    }

    public Task<int> Get() => Task.FromResult(1);
}

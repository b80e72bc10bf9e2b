using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime.Grains;

public interface IContextRelayGrain : IGrainWithStringKey
{
    Task<string?> RelayCorrelationId(string readerKey);
}

public sealed class ContextRelayGrain : Grain, IContextRelayGrain
{
    public async Task<string?> RelayCorrelationId(string readerKey)
    {
        await Task.Yield();
        return await GrainFactory.GetGrain<IContextReaderGrain>(readerKey).ReadCorrelationId();
    }
}

public interface IContextReaderGrain : IGrainWithStringKey
{
    Task<string?> ReadCorrelationId();
    Task Hold(string gate);
    Task LogSomething();
}

public sealed class ContextReaderGrain(CallLog log, ILogger<ContextReaderGrain> logger) : Grain, IContextReaderGrain
{
    public Task<string?> ReadCorrelationId() => Task.FromResult(RequestContext.CorrelationId);

    public Task Hold(string gate) => log.Gate(gate);

    public async Task LogSomething()
    {
        await Task.Yield();
        logger.LogInformation("inside the grain");
    }
}

using Microsoft.Extensions.Hosting;

namespace SmartTrader.Runtime;

internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}

using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Server.Clustering;

/// <summary>Every <see cref="Period"/>, reports this silo's activation counts to <see cref="ISiloActivationsGrain"/>.</summary>
internal sealed partial class SiloActivationReporter(
    IGrainFactory grains, IGrainRuntimeDiagnostics diagnostics, IClusterMembership membership, TimeProvider time,
    ILogger<SiloActivationReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                if (!membership.IsServing || membership.LocalStatus != SiloStatus.Active) continue;
                try
                {
                    // A grain call cut off from its silo waits for its timeout; stopping does not wait with it.
                    await grains.GetGrain<ISiloActivationsGrain>(ISiloActivationsGrain.Key).Report(new SiloActivations(
                        membership.LocalSilo.ToString(), diagnostics.ActivationCount, diagnostics.ActivationCountsByType(), time.GetUtcNow()))
                        .WaitAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReportFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Debug, "Reporting this silo's activation counts failed; trying again in the next period")]
    private partial void LogReportFailed(Exception exception);
}

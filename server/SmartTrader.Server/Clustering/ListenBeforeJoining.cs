namespace SmartTrader.Server.Clustering;

/// <summary>
/// Starts the transport's listener in <see cref="StartingAsync"/>, before the cluster's hosted service joins (it is
/// registered first), so a silo never shows as Active while its peers cannot reach it (docs/cluster.md, "The
/// transport"). The listener as registered today starts in StartAsync, after the join: peers starting at the same
/// time then fail their start-up grain calls with "connection refused". Stopping is unchanged: the listener stops in
/// StopAsync, after the cluster has left in StoppingAsync. Remove this once the transport starts early by itself.
/// </summary>
internal sealed class ListenBeforeJoining(IHostedService listener) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => listener.StartAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => listener.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Wraps the hosted services <paramref name="register"/> adds, in place.</summary>
    public static void Wrap(IServiceCollection services, Action register)
    {
        var before = services.Count;
        register();
        for (var i = before; i < services.Count; i++)
        {
            if (services[i].ServiceType != typeof(IHostedService) || services[i].ImplementationFactory is not { } factory) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new ListenBeforeJoining((IHostedService)factory(sp)));
        }
    }
}

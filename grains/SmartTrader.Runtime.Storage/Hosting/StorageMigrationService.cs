using Microsoft.Extensions.Hosting;

namespace SmartTrader.Runtime.Storage.Hosting;

/// <summary>Creates or migrates the storage schema when the host starts, before grains touch it.</summary>
internal sealed class StorageMigrationService(IEnumerable<IStorageInitializer> stores) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores) await store.InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

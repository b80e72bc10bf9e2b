using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime.Tests.Runtime.Support;

/// <summary>A started grain runtime over the test grains, on a manual clock, with in-memory storage and reminders.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _stopped;

    private TestSilo(ServiceProvider services, ManualTimeProvider time)
    {
        _services = services;
        Time = time;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Log = services.GetRequiredService<CallLog>();
    }

    public GrainRuntime Runtime { get; }
    public ManualTimeProvider Time { get; }
    public CallLog Log { get; }
    public IServiceProvider Services => _services;
    public IGrainFactory Grains => Runtime.GrainFactory;
    public IGrainRuntimeDiagnostics Diagnostics => Runtime.Diagnostics;

    public T Get<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    public static async Task<TestSilo> StartAsync(
        Action<SiloOptions>? options = null,
        ManualTimeProvider? time = null,
        IGrainStorage? storage = null,
        MemoryReminderTable? reminders = null,
        Action<IServiceCollection>? services = null)
    {
        time ??= new ManualTimeProvider();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton<CallLog>();
        collection.AddGrainRuntime(o =>
            {
                o.SiloName = "test-silo";
                o.CallTimeout = TimeSpan.FromHours(1);
                options?.Invoke(o);
            })
            .AddGrainsFrom(typeof(TestSilo).Assembly)
            .UseStorage(storage ?? new MemoryGrainStorage())
            .UseInMemoryReminders(reminders);
        services?.Invoke(collection);

        var provider = collection.BuildServiceProvider();
        var silo = new TestSilo(provider, time);
        await silo.Runtime.StartAsync();
        return silo;
    }

    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Runtime.StopAsync();
    }

    /// <summary>
    /// Stops the silo, giving up after a while: when an assertion failed while a grain was still parked on a gate,
    /// that turn never ends, and the test must report the assertion instead of hanging.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Runtime.StopAsync(patience.Token);
            }
            catch (OperationCanceledException) when (patience.IsCancellationRequested)
            {
                // Left running on purpose; see above.
            }
        }
        await _services.DisposeAsync();
    }
}

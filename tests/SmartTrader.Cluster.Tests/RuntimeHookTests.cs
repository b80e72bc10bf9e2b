using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Cluster.Tests.Grains;
using SmartTrader.Cluster.Tests.Harness;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests;

/// <summary>The runtime's extension points for the cluster, exercised on one in-memory silo with stand-ins.</summary>
public sealed class RuntimeHookTests
{
    private static readonly SiloAddress Elsewhere = new("10.0.0.9:11111@1");
    private static readonly SiloAddress Local = new("hooks");

    [Fact]
    public async Task Calls_for_a_grain_the_directory_places_elsewhere_are_forwarded_with_their_context_and_nothing_activates_here()
    {
        var directory = new RecordingDirectory { Holder = _ => Elsewhere };
        var remote = new RecordingInvoker();
        await using var silo = await StartAsync(s => s.AddSingleton<IActivationDirectory>(directory).AddSingleton<IRemoteGrainInvoker>(remote));

        string answer;
        using (RequestContext.Begin("corr-1", "alice"))
            answer = await silo.GrainFactory.GetGrain<ICounterGrain>("k").Silo();

        answer.Should().Be("answered by " + Elsewhere);
        remote.Calls.Should().ContainSingle().Which.Should().Be((Elsewhere, new GrainId("counter", "k"), "Silo", "corr-1"));
        silo.Diagnostics.ActivationCount.Should().Be(0);
        directory.Unregistered.Should().BeEmpty("a redirected activation never held the claim");
    }

    [Fact]
    public async Task An_activation_claims_the_grain_before_it_runs_and_releases_it_after_deactivating()
    {
        var directory = new RecordingDirectory();
        await using var silo = await StartAsync(s => s.AddSingleton<IActivationDirectory>(directory));
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("k");

        (await grain.Increment()).Should().Be(1);
        (await grain.Increment()).Should().Be(2);
        directory.Registered.Should().Equal(new GrainId("counter", "k"));
        directory.Unregistered.Should().BeEmpty();

        await silo.DeactivateAllAsync();
        directory.Unregistered.Should().Equal(new GrainId("counter", "k"));
        (await grain.Get()).Should().Be(2);
        directory.Registered.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_grain_moving_next_to_a_grain_on_another_silo_hands_its_claim_there_and_its_next_calls_follow()
    {
        var directory = new RecordingDirectory();
        var remote = new RecordingInvoker();
        var placement = new FixedPlacement(grainId => grainId.Key == "far" ? Elsewhere : Local);
        await using var silo = await StartAsync(s => s
            .AddSingleton<IActivationDirectory>(directory).AddSingleton<IRemoteGrainInvoker>(remote).AddSingleton<IGrainPlacement>(placement));
        var nomad = silo.GrainFactory.GetGrain<INomadGrain>("n");
        (await nomad.Increment()).Should().Be(1);

        (await nomad.MoveNextTo("near")).Should().BeFalse("the anchor is on this silo");
        (await nomad.MoveNextTo("far")).Should().BeTrue();
        await Eventually.WaitUntilAsync(() => silo.Diagnostics.ActivationCount == 0, TimeSpan.FromSeconds(10), "the activation here to end");

        directory.HandedOver.Should().Equal((new GrainId("nomad", "n"), Elsewhere));
        directory.Unregistered.Should().BeEmpty("the claim was passed on, not dropped");
        (await nomad.Silo()).Should().Be("answered by " + Elsewhere);
        remote.Calls.Should().ContainSingle().Which.Silo.Should().Be(Elsewhere);
    }

    [Fact]
    public async Task On_a_single_silo_a_grain_never_moves()
    {
        await using var silo = await StartAsync(_ => { });
        var nomad = silo.GrainFactory.GetGrain<INomadGrain>("n");

        (await nomad.MoveNextTo("far")).Should().BeFalse();
        (await nomad.Increment()).Should().Be(1);
        (await nomad.Increment()).Should().Be(2, "the same activation kept its state in memory and in storage");
        silo.Diagnostics.ActivationCount.Should().Be(1);
    }

    [Fact]
    public async Task When_the_directory_cannot_be_reached_the_call_fails_and_nothing_activates()
    {
        var directory = new RecordingDirectory { Holder = _ => throw new TimeoutException("directory down") };
        await using var silo = await StartAsync(s => s.AddSingleton<IActivationDirectory>(directory));

        await silo.GrainFactory.GetGrain<ICounterGrain>("k").Invoking(g => g.Get()).Should().ThrowAsync<TimeoutException>().WithMessage("directory down");
        silo.Diagnostics.ActivationCount.Should().Be(0);
    }

    [Fact]
    public async Task A_fenced_silo_writes_no_grain_state()
    {
        var storage = new MemoryGrainStorage();
        var fence = new SwitchableFence();
        await using var silo = await StartAsync(s => s.AddSingleton<ISiloFence>(fence), storage);
        var grain = silo.GrainFactory.GetGrain<ICounterGrain>("k");
        (await grain.Increment()).Should().Be(1);

        fence.IsFenced = true;
        await grain.Invoking(g => g.Increment()).Should().ThrowAsync<InvalidOperationException>().WithMessage("fenced");

        var stored = await storage.ReadAsync(new GrainStateKey("counter", "k", "counter"));
        System.Text.Encoding.UTF8.GetString(stored!.Payload).Should().Be("""{"value":1}""");
    }

    [Fact]
    public async Task The_reminder_service_fires_only_the_reminders_its_shard_owns_and_rereads_when_the_shard_changes()
    {
        var table = new MemoryReminderTable();
        var start = DateTimeOffset.UtcNow;
        await table.UpsertAsync(new ReminderEntry(new GrainId("reminderprobe", "mine"), "tick", start, TimeSpan.FromMilliseconds(200)));
        await table.UpsertAsync(new ReminderEntry(new GrainId("reminderprobe", "theirs"), "tick", start, TimeSpan.FromMilliseconds(200)));
        var shard = new SwitchableShard { Owned = "mine" };
        var ticks = new ReminderTicks();
        await using var silo = await StartAsync(s => s.AddSingleton<IReminderShard>(shard).AddSingleton(ticks), reminders: table);

        await Eventually.WaitUntilAsync(() => ticks.Ticks.Count(t => t.GrainKey == "mine") >= 2, TimeSpan.FromSeconds(10), "mine ticks");
        ticks.Ticks.Should().NotContain(t => t.GrainKey == "theirs");

        shard.Owned = "theirs";
        shard.RaiseChanged();
        await Eventually.WaitUntilAsync(() => ticks.Ticks.Any(t => t.GrainKey == "theirs"), TimeSpan.FromSeconds(10), "theirs ticks after the re-shard");
        var afterReshard = ticks.Ticks.Count(t => t.GrainKey == "mine");
        await Task.Delay(600);
        ticks.Ticks.Count(t => t.GrainKey == "mine").Should().BeLessThanOrEqualTo(afterReshard + 1, "a reminder no longer owned stops firing here");
    }

    private static async Task<RunningSilo> StartAsync(Action<IServiceCollection> configure, IGrainStorage? storage = null, IReminderTable? reminders = null)
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime(o => o.SiloName = "hooks")
            .AddGrainsFrom(typeof(RuntimeHookTests).Assembly)
            .UseStorage(storage ?? new MemoryGrainStorage())
            .UseReminders(reminders ?? new MemoryReminderTable());
        configure(services);
        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync();
        return new RunningSilo(provider, runtime);
    }

    private sealed class RunningSilo(ServiceProvider services, GrainRuntime runtime) : IAsyncDisposable
    {
        public IGrainFactory GrainFactory => runtime.GrainFactory;
        public IGrainRuntimeDiagnostics Diagnostics => runtime.Diagnostics;
        public Task DeactivateAllAsync() => runtime.DeactivateAllAsync();

        public async ValueTask DisposeAsync()
        {
            await runtime.StopAsync();
            await services.DisposeAsync();
        }
    }

    private sealed class RecordingDirectory : IActivationDirectory
    {
        public Func<GrainId, SiloAddress?> Holder { get; set; } = _ => null;
        public ConcurrentQueue<GrainId> Registered { get; } = new();
        public ConcurrentQueue<(GrainId, SiloAddress)> HandedOver { get; } = new();
        public ConcurrentQueue<GrainId> Unregistered { get; } = new();

        public ValueTask<SiloAddress?> RegisterAsync(GrainId grainId)
        {
            var holder = Holder(grainId);
            if (holder is null) Registered.Enqueue(grainId);
            return ValueTask.FromResult(holder);
        }

        public ValueTask UnregisterAsync(GrainId grainId)
        {
            Unregistered.Enqueue(grainId);
            return ValueTask.CompletedTask;
        }

        /// <summary>Records the hand-over; from then on the grain's holder is the silo it was handed to.</summary>
        public ValueTask<bool> HandOverAsync(GrainId grainId, SiloAddress silo)
        {
            HandedOver.Enqueue((grainId, silo));
            var before = Holder;
            Holder = id => id == grainId ? silo : before(id);
            return ValueTask.FromResult(true);
        }
    }

    private sealed class FixedPlacement(Func<GrainId, SiloAddress> owner) : IGrainPlacement
    {
        public SiloAddress GetOwner(GrainId grainId) => owner(grainId);
    }

    private sealed class RecordingInvoker : IRemoteGrainInvoker
    {
        public ConcurrentQueue<(SiloAddress Silo, GrainId GrainId, string Method, string? CorrelationId)> Calls { get; } = new();

        public Task InvokeAsync(SiloAddress silo, GrainId grainId, GrainMethod method, object?[] arguments, CallContextData? context)
        {
            Calls.Enqueue((silo, grainId, method.Name, context?.CorrelationId));
            return Task.FromResult("answered by " + silo);
        }
    }

    private sealed class SwitchableFence : ISiloFence
    {
        public volatile bool IsFenced;

        public void ThrowIfFenced()
        {
            if (IsFenced) throw new InvalidOperationException("fenced");
        }
    }

    private sealed class SwitchableShard : IReminderShard
    {
        public volatile string Owned = "";

        public bool Owns(GrainId grainId) => grainId.Key == Owned;

        public event Action? Changed;

        public void RaiseChanged() => Changed?.Invoke();
    }
}

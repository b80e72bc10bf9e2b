using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class GrainRegistrationTests
{
    [Fact]
    public async Task Grain_type_names_come_from_the_attribute_or_the_class_name()
    {
        await using var silo = await TestSilo.StartAsync();

        (await silo.Get<INamedGrain>("k").WhoAmI()).Should().Be("custom-name/k");
        silo.Get<ICounterGrain>("k").GetGrainId().Should().Be(new GrainId("counter", "k"));
    }

    [Fact]
    public async Task An_interface_with_two_implementations_is_rejected_with_both_names()
    {
        await using var silo = await TestSilo.StartAsync();

        silo.Invoking(s => s.Get<IAmbiguousGrain>("x")).Should().Throw<InvalidOperationException>()
            .WithMessage("*AmbiguousOneGrain*AmbiguousTwoGrain*");
        silo.Invoking(s => s.Get<IUnimplementedGrain>("x")).Should().Throw<InvalidOperationException>()
            .WithMessage("No grain class implements*IUnimplementedGrain*");
    }

    [Fact]
    public async Task Start_fails_clearly_when_grains_need_storage_that_is_not_registered()
    {
        var services = new ServiceCollection();
        services.AddSingleton<CallLog>();
        services.AddGrainRuntime().AddGrainsFrom(typeof(CounterGrain).Assembly).UseInMemoryReminders();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<GrainRuntime>().Invoking(r => r.StartAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*CounterGrain*no IGrainStorage is registered*");
    }

    [Fact]
    public async Task Start_fails_clearly_when_remindable_grains_have_no_reminder_table()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime().AddGrainsFrom(typeof(CounterGrain).Assembly).UseInMemoryStorage();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<GrainRuntime>().Invoking(r => r.StartAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*ReminderGrain*no IReminderTable*");
    }

    [Fact]
    public async Task Calls_placed_on_another_silo_go_to_the_remote_invoker()
    {
        await using var silo = await TestSilo.StartAsync(services: s => s.AddSingleton<IGrainPlacement>(new ElsewherePlacement()));

        await silo.Get<ICounterGrain>("c").Invoking(g => g.Get())
            .Should().ThrowExactlyAsync<NotSupportedException>().WithMessage("*counter/c*'elsewhere'*");
    }

    private sealed class ElsewherePlacement : IGrainPlacement
    {
        public SiloAddress GetOwner(GrainId grainId) => new("elsewhere");
    }
}

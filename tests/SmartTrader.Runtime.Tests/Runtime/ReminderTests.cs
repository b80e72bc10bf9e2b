using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class ReminderTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly MemoryReminderTable _table = new();
    private readonly MemoryGrainStorage _storage = new();

    [Fact]
    public async Task A_reminder_registered_before_a_restart_fires_in_the_new_runtime()
    {
        var before = await StartSiloAsync();
        await before.Get<IReminderGrain>("r").Register("ping", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        await before.DisposeAsync();

        await using var after = await StartSiloAsync();
        after.Diagnostics.ActivationCount.Should().Be(0);
        _time.Advance(TimeSpan.FromMinutes(1));
        await after.Log.WaitForAsync("reminder ping of r");

        _time.Advance(TimeSpan.FromMinutes(10));
        after.Log.Count("reminder ping of r").Should().Be(2);
        before.Log.Entries.Should().NotContain("reminder ping of r");
    }

    [Fact]
    public async Task A_tick_missed_while_no_runtime_ran_fires_promptly_once_then_the_schedule_resumes()
    {
        var before = await StartSiloAsync();
        await before.Get<IReminderGrain>("r").Register("daily", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        await before.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(10));

        await using var after = await StartSiloAsync();
        _time.Advance(TimeSpan.Zero);
        await after.Log.WaitForAsync("reminder daily of r");

        _time.Advance(TimeSpan.FromMinutes(30));
        after.Log.Count("reminder daily of r").Should().Be(1);
        _time.Advance(TimeSpan.FromMinutes(21)); // one hour after the first due time
        after.Log.Count("reminder daily of r").Should().Be(2);
    }

    [Fact]
    public async Task An_unregistered_reminder_stops_firing_and_leaves_the_table()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Get<IReminderGrain>("r");
        await grain.Register("ping", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        await silo.Log.WaitForAsync("reminder ping of r");

        await grain.Unregister("ping");
        _time.Advance(TimeSpan.FromMinutes(5));

        silo.Log.Count("reminder ping of r").Should().Be(1);
        (await _table.ReadForGrainAsync(new GrainId("reminder", "r"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Reminders_written_to_the_table_by_another_silo_are_picked_up_on_refresh()
    {
        await using var silo = await StartSiloAsync(o => o.ReminderRefreshPeriod = TimeSpan.FromMinutes(5));
        await _table.UpsertAsync(new ReminderEntry(new GrainId("reminder", "elsewhere"), "sync", _time.GetUtcNow().AddMinutes(7), TimeSpan.FromHours(1)));

        _time.Advance(TimeSpan.FromMinutes(7));

        await silo.Log.WaitForAsync("reminder sync of elsewhere");
    }

    private Task<TestSilo> StartSiloAsync(Action<SiloOptions>? options = null) =>
        TestSilo.StartAsync(options, _time, _storage, _table);
}

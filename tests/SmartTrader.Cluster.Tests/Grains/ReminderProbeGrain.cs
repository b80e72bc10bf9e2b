using System.Collections.Concurrent;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);
}

/// <summary>Records on which silo each reminder tick was received. One instance shared by every silo of a test.</summary>
public sealed class ReminderTicks
{
    private readonly ConcurrentQueue<(string GrainKey, string Silo, DateTime At)> _ticks = new();

    public void Record(string grainKey, string silo) => _ticks.Enqueue((grainKey, silo, DateTime.UtcNow));

    public IReadOnlyList<(string GrainKey, string Silo, DateTime At)> Ticks => _ticks.ToArray();
}

public sealed class ReminderProbeGrain(ILocalSilo silo, ReminderTicks ticks) : Grain, IReminderProbeGrain, IRemindable
{
    public Task Start(TimeSpan period) => RegisterOrUpdateReminder("tick", period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Record(Key, silo.Address.Value);
        return Task.CompletedTask;
    }
}

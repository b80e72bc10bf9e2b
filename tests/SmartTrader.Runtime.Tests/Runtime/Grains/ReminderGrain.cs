using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);
    Task Unregister(string name);
}

public sealed class ReminderGrain(CallLog log) : Grain, IReminderGrain, IRemindable
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task Unregister(string name) => UnregisterReminder(name);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add($"reminder {reminderName} of {Key}");
        return Task.CompletedTask;
    }
}

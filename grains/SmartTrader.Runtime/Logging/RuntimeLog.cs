using Microsoft.Extensions.Logging;

namespace SmartTrader.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Debug, "Activated {GrainId}")]
    public static partial void Activated(this ILogger logger, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Debug, "Deactivated {GrainId} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(4, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed ({Reason})")]
    public static partial void DeactivationFailed(this ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(5, LogLevel.Warning, "Timer callback of {GrainId} failed")]
    public static partial void TimerCallbackFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(6, LogLevel.Warning, "Reminder {ReminderName} of {GrainId} failed")]
    public static partial void ReminderFailed(this ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(7, LogLevel.Error, "Reminder {ReminderName} targets {GrainId}, whose grain class does not implement IRemindable")]
    public static partial void ReminderTargetNotRemindable(this ILogger logger, GrainId grainId, string reminderName);

    [LoggerMessage(8, LogLevel.Warning, "Reading the reminder table failed")]
    public static partial void ReminderRefreshFailed(this ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Debug, "Collected {Count} idle activations")]
    public static partial void Collected(this ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Information, "Grain runtime started on silo {Silo}: {GrainClassCount} grain classes, {ReminderCount} reminders")]
    public static partial void Started(this ILogger logger, SiloAddress silo, int grainClassCount, int reminderCount);

    [LoggerMessage(11, LogLevel.Information, "Grain runtime stopped; deactivated all activations")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(12, LogLevel.Debug, "{GrainId} is hosted by silo {Silo}; its waiting calls go there")]
    public static partial void Redirected(this ILogger logger, GrainId grainId, SiloAddress silo);

    [LoggerMessage(13, LogLevel.Warning, "Releasing the directory claim of {GrainId} failed")]
    public static partial void UnregistrationFailed(this ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(14, LogLevel.Debug, "{GrainId} moves to silo {Silo}, next to {Anchor}")]
    public static partial void Migrating(this ILogger logger, GrainId grainId, SiloAddress silo, GrainId anchor);

    [LoggerMessage(15, LogLevel.Warning, "Handing the directory claim of {GrainId} to silo {Silo} failed; the grain stays placed as it was")]
    public static partial void HandOverFailed(this ILogger logger, Exception exception, GrainId grainId, SiloAddress silo);
}

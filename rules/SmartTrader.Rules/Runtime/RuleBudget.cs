namespace SmartTrader.Rules.Runtime;

/// <summary>
/// Bounds one workflow evaluation in time. Every lambda body in a rule expression is wrapped in <see cref="Step{T}"/>,
/// so any loop an expression can express (LINQ over inputs) passes through here; the clock is read every 1,024 steps.
/// </summary>
public static class RuleBudget
{
    private const int StepsBetweenClockReads = 1024;

    [ThreadStatic] private static long _deadline;
    [ThreadStatic] private static int _steps;

    /// <summary>Starts a bounded evaluation and returns the enclosing one's deadline, to hand back to <see cref="End"/>.</summary>
    public static long Begin(TimeSpan timeout)
    {
        var enclosing = _deadline;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        _deadline = enclosing != 0 && enclosing < deadline ? enclosing : deadline;
        return enclosing;
    }

    public static void End(long enclosing) => _deadline = enclosing;

    public static T Step<T>(T value)
    {
        if (++_steps % StepsBetweenClockReads == 0) CheckClock();
        return value;
    }

    private static void CheckClock()
    {
        if (_deadline != 0 && Environment.TickCount64 > _deadline)
            throw new RuleTimeoutException();
    }
}

/// <summary>An evaluation ran past its time budget and was stopped.</summary>
public sealed class RuleTimeoutException()
    : Exception("The workflow ran past its time budget and was stopped (a runaway expression).");

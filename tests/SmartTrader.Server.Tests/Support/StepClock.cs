namespace SmartTrader.Server.Tests.Support;

/// <summary>A clock whose timestamps move only when the test advances them.</summary>
internal sealed class StepClock : TimeProvider
{
    private long _ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => _ticks;
    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}

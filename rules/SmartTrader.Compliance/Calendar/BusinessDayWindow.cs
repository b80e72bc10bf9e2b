namespace SmartTrader.Compliance.Calendar;

/// <summary>The trading days from <see cref="Start"/> to <see cref="End"/>, both included; <see cref="Days"/> of them.</summary>
public readonly record struct BusinessDayWindow(DateOnly Start, DateOnly End, int Days);

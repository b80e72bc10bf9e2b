namespace SmartTrader.Trading.Domain;

/// <summary>Rounding of cash amounts to the cent and of prices to a symbol's tick.</summary>
public static class Money
{
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool IsOnTick(decimal price, decimal tick) => price % tick == 0m;

    public static decimal RoundToTick(decimal price, decimal tick) => Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;

    public static decimal RoundUpToTick(decimal price, decimal tick) => Math.Ceiling(price / tick) * tick;

    public static decimal RoundDownToTick(decimal price, decimal tick) => Math.Floor(price / tick) * tick;
}

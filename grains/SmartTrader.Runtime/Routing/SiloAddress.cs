namespace SmartTrader.Runtime;

/// <summary>Where a silo can be reached. For the single silo it is just its name.</summary>
public readonly record struct SiloAddress(string Value)
{
    public override string ToString() => Value;
}

namespace SmartTrader.Runtime;

/// <summary>The address of the silo this process runs.</summary>
public interface ILocalSilo
{
    SiloAddress Address { get; }
}

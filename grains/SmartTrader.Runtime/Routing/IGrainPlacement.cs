namespace SmartTrader.Runtime;

/// <summary>Decides which silo hosts a grain. Asked on every call, so it must answer from memory.</summary>
public interface IGrainPlacement
{
    SiloAddress GetOwner(GrainId grainId);
}

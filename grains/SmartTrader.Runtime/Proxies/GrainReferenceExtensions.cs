namespace SmartTrader.Runtime;

public static class GrainReferenceExtensions
{
    /// <summary>The id of a grain reference (proxy) or of a grain instance.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        GrainProxy proxy => proxy.GrainId,
        Grain instance => instance.GrainId,
        _ => throw new ArgumentException($"{grain.GetType().FullName} is neither a grain reference nor a grain.", nameof(grain)),
    };
}

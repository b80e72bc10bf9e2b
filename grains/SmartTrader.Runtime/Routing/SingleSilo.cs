using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime;

/// <summary>The single-silo topology: this silo, named by <see cref="SiloOptions.SiloName"/>, owns every grain.</summary>
internal sealed class SingleSilo(IOptions<SiloOptions> options) : ILocalSilo, IGrainPlacement, ISiloRoster
{
    public SiloAddress Address { get; } = new(options.Value.SiloName);

    public IReadOnlyList<SiloAddress> Live => field ??= [Address];

    public SiloAddress GetOwner(GrainId grainId) => Address;
}

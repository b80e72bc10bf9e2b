using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>Grain keys chosen by where placement puts them.</summary>
public static class Keys
{
    /// <summary>Keys whose grain <paramref name="caller"/>'s placement puts on <paramref name="owner"/>.</summary>
    public static IEnumerable<string> PlacedOn(TestSilo caller, TestSilo owner, Type grainInterface, string prefix)
    {
        var placement = caller.Services.GetRequiredService<IGrainPlacement>();
        var grainType = caller.Services.GetRequiredService<GrainTypeRegistry>().InterfaceOf(grainInterface).Implementation.GrainType;
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (placement.GetOwner(new GrainId(grainType, key)) == owner.Address.ToSiloAddress()) yield return key;
        }
    }
}

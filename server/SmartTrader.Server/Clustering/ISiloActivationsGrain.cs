using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// Key: "cluster". Where silos report their activation counts, so any silo can show every silo's. Kept in memory only:
/// after the grain moves, the reports are back within one <see cref="SiloActivationReporter.Period"/>.
/// </summary>
public interface ISiloActivationsGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    Task Report(SiloActivations activations);

    Task<ImmutableArray<SiloActivations>> List();
}

/// <summary>One silo's activation counts as it last reported them.</summary>
public sealed record SiloActivations(string Silo, int Total, IReadOnlyDictionary<string, int> ByType, DateTimeOffset ReportedAt);

public sealed class SiloActivationsGrain : Grain, ISiloActivationsGrain
{
    private readonly Dictionary<string, SiloActivations> _bySilo = new(StringComparer.Ordinal);

    public Task Report(SiloActivations activations)
    {
        _bySilo[activations.Silo] = activations;
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<SiloActivations>> List() => Task.FromResult(_bySilo.Values.ToImmutableArray());
}

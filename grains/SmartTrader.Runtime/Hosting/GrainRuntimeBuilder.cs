using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace SmartTrader.Runtime;

/// <summary>Configures the grain runtime registered by <c>AddGrainRuntime</c>.</summary>
public sealed class GrainRuntimeBuilder
{
    private readonly GrainAssemblies _assemblies;

    internal GrainRuntimeBuilder(IServiceCollection services, GrainAssemblies assemblies)
    {
        Services = services;
        _assemblies = assemblies;
    }

    public IServiceCollection Services { get; }

    /// <summary>Scans the assembly for grain classes (non-abstract subclasses of Grain implementing a grain interface).</summary>
    public GrainRuntimeBuilder AddGrainsFrom(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Registers a <see cref="MemoryGrainStorage"/> as the default storage, or under <paramref name="storageName"/>.</summary>
    public GrainRuntimeBuilder UseInMemoryStorage(string? storageName = null) =>
        UseStorage(new MemoryGrainStorage(), storageName);

    /// <summary>Registers a given storage instance, e.g. one <see cref="MemoryGrainStorage"/> shared by two runtimes.</summary>
    public GrainRuntimeBuilder UseStorage(IGrainStorage storage, string? storageName = null)
    {
        if (storageName is null) Services.AddSingleton(storage);
        else Services.AddKeyedSingleton(storageName, storage);
        return this;
    }

    /// <summary>Registers a <see cref="MemoryReminderTable"/>, or the given table (e.g. one shared across a restart).</summary>
    public GrainRuntimeBuilder UseInMemoryReminders(MemoryReminderTable? table = null)
    {
        Services.AddSingleton<IReminderTable>(table ?? new MemoryReminderTable());
        return this;
    }
}

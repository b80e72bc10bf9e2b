namespace SmartTrader.Runtime;

/// <summary>
/// Creates grain instances: constructor parameters come from the service provider, except [PersistentState]
/// parameters, which get a state object read from storage before the grain sees it.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainStorageResolver storage)
{
    public async Task<Grain> CreateAsync(GrainActivation activation)
    {
        var grainClass = activation.Class;
        var arguments = new object?[grainClass.PersistentStates.Count + grainClass.ServiceParameters.Count];

        foreach (var state in grainClass.PersistentStates)
        {
            var persistentState = CreateState(activation, state);
            await persistentState.ReadStateAsync().ConfigureAwait(false);
            arguments[state.Position] = persistentState;
        }

        foreach (var parameter in grainClass.ServiceParameters)
        {
            arguments[parameter.Position] = services.GetService(parameter.ParameterType)
                ?? (parameter.HasDefaultValue
                    ? parameter.DefaultValue
                    : throw new InvalidOperationException(
                        $"Cannot create grain {grainClass}: no service of type {parameter.ParameterType.FullName} " +
                        $"for constructor parameter '{parameter.Name}'."));
        }

        var grain = grainClass.Create(arguments);
        grain.Context = activation;
        return grain;
    }

    private IPersistentStateStore CreateState(GrainActivation activation, PersistentStateParameter state)
    {
        var key = new GrainStateKey(activation.GrainId.Type, activation.GrainId.Key, state.StateName);
        var store = storage.Resolve(state.StorageName, activation.Class);
        return state.Create(key, store, activation.RequestDeactivation);
    }
}

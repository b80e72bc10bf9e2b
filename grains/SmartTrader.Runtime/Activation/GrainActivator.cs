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
        var parameters = grainClass.Constructor.GetParameters();
        var arguments = new object?[parameters.Length];

        foreach (var state in grainClass.PersistentStates)
        {
            var persistentState = CreateState(activation, state);
            await persistentState.ReadStateAsync().ConfigureAwait(false);
            arguments[state.Position] = persistentState;
        }

        foreach (var parameter in parameters)
        {
            if (grainClass.PersistentStates.Any(s => s.Position == parameter.Position)) continue;
            arguments[parameter.Position] = services.GetService(parameter.ParameterType)
                ?? (parameter.HasDefaultValue
                    ? parameter.DefaultValue
                    : throw new InvalidOperationException(
                        $"Cannot create grain {grainClass}: no service of type {parameter.ParameterType.FullName} " +
                        $"for constructor parameter '{parameter.Name}'."));
        }

        var grain = (Grain)grainClass.Constructor.Invoke(arguments);
        grain.Context = activation;
        return grain;
    }

    private IPersistentStateStore CreateState(GrainActivation activation, PersistentStateParameter state)
    {
        var key = new GrainStateKey(activation.GrainId.Type, activation.GrainId.Key, state.StateName);
        var store = storage.Resolve(state.StorageName, activation.Class);
        var stateType = typeof(PersistentState<>).MakeGenericType(state.StateType);
        Action onInconsistentState = () => activation.RequestDeactivation(DeactivationReason.InconsistentState);
        return (IPersistentStateStore)Activator.CreateInstance(stateType, key, store, onInconsistentState)!;
    }
}

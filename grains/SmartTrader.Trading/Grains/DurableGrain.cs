using SmartTrader.Runtime;

namespace SmartTrader.Trading.Grains;

/// <summary>
/// A grain whose memory must never run ahead of storage: when a write fails, the activation is deactivated after the
/// turn, so the next call re-reads what was committed instead of acting on state that was not.
/// </summary>
public abstract class DurableGrain : Grain
{
    protected async Task Commit<TState>(IPersistentState<TState> state) where TState : new()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}

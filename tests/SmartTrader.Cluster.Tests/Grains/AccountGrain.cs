using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Grains;

/// <summary>An account taking orders: each client order id is applied once, and acknowledged only once committed.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Records the order and adds its amount to the balance; a repeated id changes nothing and is acknowledged again.</summary>
    Task Submit(string clientOrderId, decimal amount);

    Task<AccountView> Read();
}

public sealed record AccountView(decimal Balance, IReadOnlyList<string> OrderIds, string Silo);

public sealed class AccountState
{
    public decimal Balance { get; set; }

    /// <summary>A list, not a set, so that an order applied twice would show.</summary>
    public List<string> OrderIds { get; set; } = [];
}

public sealed class AccountGrain(ILocalSilo silo, [PersistentState("account")] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public async Task Submit(string clientOrderId, decimal amount)
    {
        if (state.State.OrderIds.Contains(clientOrderId)) return;
        state.State.OrderIds.Add(clientOrderId);
        state.State.Balance += amount;
        // A failed write deactivates this activation after the turn; the next one reloads what was committed.
        await state.WriteStateAsync();
    }

    public Task<AccountView> Read() => Task.FromResult(new AccountView(state.State.Balance, [.. state.State.OrderIds], silo.Address.Value));
}

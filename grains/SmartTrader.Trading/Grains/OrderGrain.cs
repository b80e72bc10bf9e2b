using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Grains;

public sealed class OrderState
{
    public OrderView? Order { get; set; }
}

/// <summary>
/// The durable record of one order, written by its portfolio. A snapshot may skip intermediate statuses (an order
/// accepted and filled in one portfolio turn arrives Filled) but never moves backwards or changes the order's terms.
/// It lives on its portfolio's silo (its key is "{account}.{hash}"), so recording costs no call between silos.
/// </summary>
[GrainType(TypeName)]
[PlaceWith(PortfolioGrain.TypeName, '.')]
public sealed class OrderGrain([PersistentState(OrderGrain.StateName)] IPersistentState<OrderState> state) : Grain, IOrderGrain
{
    /// <summary>Name its storage rows; <see cref="ReadModels.OrderHistory"/> queries them.</summary>
    public const string TypeName = "order";
    public const string StateName = "order";

    public Task<OrderView?> Get() => Task.FromResult(state.State.Order);

    public async Task<OrderView> Record(OrderView snapshot)
    {
        if (snapshot.OrderId != Key)
            throw new TradingException(TradingErrorKind.Invalid, $"Snapshot of order {snapshot.OrderId} sent to order {Key}.");

        if (state.State.Order is { } current)
        {
            if (snapshot.Version <= current.Version) return current;
            if (!SameOrder(current, snapshot))
                throw new TradingException(TradingErrorKind.Conflict, $"Snapshot version {snapshot.Version} of order {Key} changes its terms.");
            var legal = current.Status == snapshot.Status
                ? OrderTransitions.IsLegal(current.Status, snapshot.Status)
                : OrderTransitions.CanReach(current.Status, snapshot.Status);
            if (!legal || snapshot.FilledQuantity < current.FilledQuantity)
                throw new IllegalOrderTransitionException(Key, current.Status, snapshot.Status);
        }

        state.State.Order = snapshot;
        await state.WriteStateAsync();
        // A finished order is read rarely and never changes again: free the activation rather than hold one per
        // order for the whole collection age.
        if (snapshot.IsTerminal) DeactivateOnIdle();
        return snapshot;
    }

    private static bool SameOrder(OrderView a, OrderView b) =>
        a.Account == b.Account && a.ClientOrderId == b.ClientOrderId && OrderTerms.Of(a) == OrderTerms.Of(b);
}

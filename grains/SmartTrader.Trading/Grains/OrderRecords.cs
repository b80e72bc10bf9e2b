using SmartTrader.Runtime;

namespace SmartTrader.Trading.Grains;

public sealed class OrderState
{
    public OrderView? Order { get; set; }
}

/// <summary>
/// The durable record of each order: one storage row per order, keyed "{account}.{hash}", that its portfolio writes
/// in the same transaction as the change to the account (see <see cref="GrainRecord"/>). A record is never written
/// without the change that made it, nor the change without its record. <see cref="ReadModels.OrderHistory"/> reads them.
/// </summary>
public static class OrderRecords
{
    /// <summary>Name the rows (the names of the order grain that used to keep them, so older rows still read).</summary>
    public const string TypeName = "order";
    public const string StateName = "order";

    public static GrainStateKey Key(string orderId) => new(TypeName, orderId, StateName);

    public static GrainRecord Of(OrderView order) => GrainRecord.Of(Key(order.OrderId), new OrderState { Order = order });
}

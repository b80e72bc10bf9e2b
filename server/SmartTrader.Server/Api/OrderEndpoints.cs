using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Trading;
using SmartTrader.Trading.ReadModels;

namespace SmartTrader.Server.Api;

public sealed record PlaceOrderBody(
    string? ClientOrderId, string? Symbol, OrderSide? Side, OrderType? Type, decimal? Quantity, decimal? LimitPrice, TimeInForce? TimeInForce);

internal static class OrderEndpoints
{
    private const decimal MaxQuantity = 1_000_000_000m;
    private const int MaxPageSize = 500;

    public static void MapOrderEndpoints(this RouteGroupBuilder account)
    {
        var orders = account.MapGroup("/").WithTags("Orders");
        orders.MapPost("/orders", Place).RequireTrading()
            .WithSummary("Place an order. 201 for a new order, 200 with the original for a reused clientOrderId, 422 when rejected " +
                "(again on a resubmission), 503 when no pre-trade ruleset is active.");
        orders.MapGet("/orders", List).WithSummary("The account's orders, optionally by status, paged by order id.");
        orders.MapGet("/orders/{orderId}", Get).WithName("GetOrder");
        orders.MapPost("/orders/{orderId}/cancel", Cancel).RequireTrading().WithSummary("Cancel an open order.");
        orders.MapGet("/fills", Fills).WithSummary("The account's fills, oldest first, optionally from a time on, paged.");
    }

    private static async Task<Results<Created<OrderView>, Ok<OrderView>, ValidationProblem, ProblemHttpResult>> Place(
        string accountId, PlaceOrderBody body, IGrainFactory grains, ISymbolCatalog symbols)
    {
        var validation = new Validation()
            .Required(body.ClientOrderId, "clientOrderId")
            .Required(body.Symbol, "symbol")
            .Required(body.Side, "side")
            .Required(body.Type, "type")
            .Required(body.Quantity, "quantity");
        if (body.ClientOrderId is { Length: > 0 })
            validation.Check(Identifiers.IsClientOrderId(body.ClientOrderId), "clientOrderId", $"clientOrderId must be {Identifiers.ClientOrderIdRule}.");
        validation
            .Check(body.Side is null || Enum.IsDefined(body.Side.Value), "side", $"side must be one of: {string.Join(", ", Enum.GetNames<OrderSide>())}.")
            .Check(body.Type is null || Enum.IsDefined(body.Type.Value), "type", $"type must be one of: {string.Join(", ", Enum.GetNames<OrderType>())}.")
            .Check(body.TimeInForce is null || Enum.IsDefined(body.TimeInForce.Value), "timeInForce",
                $"timeInForce must be one of: {string.Join(", ", Enum.GetNames<TimeInForce>())}.")
            .Check(body.Quantity is null or > 0m, "quantity", "quantity must be greater than zero.")
            .Check(body.Quantity is not > MaxQuantity, "quantity", $"quantity must be at most {MaxQuantity:N0}.")
            .Check(body.LimitPrice is null or > 0m, "limitPrice", "limitPrice must be greater than zero.")
            .Check(body.Type != OrderType.Limit || body.LimitPrice is not null, "limitPrice", "limitPrice is required for a limit order.")
            .Check(body.Type != OrderType.Market || body.LimitPrice is null, "limitPrice", "limitPrice is not allowed on a market order.");
        if (validation.HasErrors) return validation.ToProblem();
        if (!symbols.TryGet(body.Symbol!.Trim(), out var symbol))
            return Problems.NotFound($"Unknown symbol '{body.Symbol}'.");

        var request = new PlaceOrderRequest(
            body.ClientOrderId!, symbol.Symbol, body.Side!.Value, body.Type!.Value, body.Quantity!.Value, body.LimitPrice,
            body.TimeInForce ?? TimeInForce.Day);
        var result = await grains.GetGrain<IPortfolioGrain>(accountId).PlaceOrder(request);
        var order = result.Order;
        // A resubmitted rejection is answered as the first time: the same order, the same problem.
        if (order.Status == OrderStatus.Rejected) return Rejected(order);
        if (result.Duplicate) return TypedResults.Ok(order);
        return TypedResults.Created($"/api/accounts/{accountId}/orders/{order.OrderId}", order);
    }

    private static async Task<Results<Ok<OrderPage>, ValidationProblem>> List(
        string accountId, string? status, int? limit, string? after, OrderHistory history, CancellationToken cancellationToken)
    {
        OrderStatus? wanted = null;
        var validation = new Validation();
        if (status is not null)
        {
            var known = Enum.GetNames<OrderStatus>().FirstOrDefault(name => name.Equals(status, StringComparison.OrdinalIgnoreCase));
            validation.Check(known is not null, "status", $"status must be one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
            if (known is not null) wanted = Enum.Parse<OrderStatus>(known);
        }
        validation
            .Check(limit is null or >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Check(after is null || OrderIds.BelongsTo(after, accountId), "after", $"after must be an order id of account '{accountId}'.");
        if (validation.HasErrors) return validation.ToProblem();

        return TypedResults.Ok(await history.ListAsync(accountId, wanted, limit ?? 100, after, cancellationToken));
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Get(string accountId, string orderId, OrderHistory history) =>
        await history.GetAsync(accountId, orderId) is { } order ? TypedResults.Ok(order) : OrderNotFound(accountId, orderId);

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Cancel(string accountId, string orderId, IGrainFactory grains) =>
        OrderIds.BelongsTo(orderId, accountId)
            ? TypedResults.Ok(await grains.GetGrain<IPortfolioGrain>(accountId).CancelOrder(orderId))
            : OrderNotFound(accountId, orderId);

    private static async Task<Results<Ok<FillPage>, ValidationProblem>> Fills(
        string accountId, DateTimeOffset? since, int? limit, string? after, IGrainFactory grains)
    {
        var validation = new Validation()
            .Check(limit is null or >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Check(after is null || OrderIds.BelongsTo(after, accountId), "after", $"after must be a fill id of account '{accountId}'.");
        if (validation.HasErrors) return validation.ToProblem();

        return await grains.GetGrain<IPortfolioGrain>(accountId).GetFills(since, limit ?? MaxPageSize, after) is { } page
            ? TypedResults.Ok(page)
            : Validation.Single("after", $"after must be the id of a fill of account '{accountId}' from the same listing (same since).");
    }

    /// <summary>
    /// 422 whose detail is the rejection reason (each failed pre-trade rule as "[Rule] message"), with the failed rules
    /// in "failures" and the ruleset version that judged the order.
    /// </summary>
    private static ProblemHttpResult Rejected(OrderView order) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Order rejected",
            detail: order.RejectReason,
            // "status" is the HTTP status in RFC 7807, so the order's status goes in "orderStatus".
            extensions: new Dictionary<string, object?>
            {
                ["orderId"] = order.OrderId,
                ["orderStatus"] = order.Status.ToString(),
                ["reason"] = order.RejectReason,
                ["failures"] = order.Failures,
                ["warnings"] = order.Warnings,
                ["rulesetVersion"] = order.RulesetVersion,
            });

    private static ProblemHttpResult OrderNotFound(string accountId, string orderId) =>
        Problems.NotFound($"Account '{accountId}' has no order '{orderId}'.");
}

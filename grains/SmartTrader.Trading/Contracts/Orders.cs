using System.Collections.Immutable;

namespace SmartTrader.Trading;

/// <summary>What a client sends. <see cref="ClientOrderId"/> makes submission idempotent per account.</summary>
public sealed record PlaceOrderRequest(
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice = null,
    TimeInForce TimeInForce = TimeInForce.Day);

public sealed record Fill(
    string FillId,
    string OrderId,
    string Account,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    DateTimeOffset Time);

/// <summary>An order as stored and as shown. <see cref="Version"/> rises with every change.</summary>
public sealed record OrderView(
    string OrderId,
    string ClientOrderId,
    string Account,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    TimeInForce TimeInForce,
    OrderStatus Status,
    decimal FilledQuantity,
    decimal? AverageFillPrice,
    string? RejectReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ImmutableArray<Fill> Fills,
    long Version)
{
    /// <summary>The ruleset version in force when the order was placed; null only on orders placed before the gate existed.</summary>
    public RulesetVersionRef? RulesetVersion { get; init; }

    /// <summary>The versions of the rulesets the pre-trade ruleset injected when the order was judged.</summary>
    public ImmutableArray<RulesetVersionRef> IncludedRulesets { get; init; } = [];

    /// <summary>The blocking pre-trade rules the order failed (a rejected order); empty otherwise.</summary>
    public ImmutableArray<RuleFinding> Failures { get; init; } = [];

    /// <summary>Pre-trade rules of severity Warn the order failed; they do not stop it.</summary>
    public ImmutableArray<RuleFinding> Warnings { get; init; } = [];

    public bool IsTerminal => Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected;
    public decimal RemainingQuantity => IsTerminal ? 0m : Quantity - FilledQuantity;
}

/// <summary>One page of an account's fills, oldest first; pass <see cref="Next"/> as ?after= for the next page.</summary>
public sealed record FillPage(ImmutableArray<Fill> Fills, string? Next);

/// <summary>The answer to a placement. <see cref="Duplicate"/> is true when the clientOrderId was already used.</summary>
public sealed record PlaceOrderResult(OrderView Order, bool Duplicate);

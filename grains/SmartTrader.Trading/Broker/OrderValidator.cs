using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Broker;

/// <summary>
/// Checks that an order request is well formed for the account type: a malformed request is Invalid, an unknown
/// symbol NotFound. Checks that depend on the account's holdings are pre-trade checks, which reject the order instead.
/// </summary>
public sealed class OrderValidator(ISymbolCatalog catalog)
{
    public const int MaxClientOrderIdLength = 64;

    /// <summary>Returns the symbol traded; throws a <see cref="TradingException"/> when the request cannot be accepted.</summary>
    public SymbolInfo Validate(PlaceOrderRequest request, AccountType accountType)
    {
        if (string.IsNullOrWhiteSpace(request.ClientOrderId) || request.ClientOrderId.Length > MaxClientOrderIdLength)
            throw Invalid($"clientOrderId must be 1 to {MaxClientOrderIdLength} characters.");
        if (!Enum.IsDefined(request.Side)) throw Invalid($"Unknown side {request.Side}.");
        if (!Enum.IsDefined(request.Type)) throw Invalid($"Unknown order type {request.Type}.");
        if (!Enum.IsDefined(request.TimeInForce)) throw Invalid($"Unknown time in force {request.TimeInForce}.");
        if (string.IsNullOrWhiteSpace(request.Symbol)) throw Invalid("symbol is required.");
        var symbol = catalog.Get(request.Symbol);

        if (request.Quantity <= 0m) throw Invalid($"Quantity must be positive; got {request.Quantity}.");
        if (request.Quantity != decimal.Truncate(request.Quantity)) throw Invalid($"Quantity must be whole shares; got {request.Quantity}.");

        switch (request.Type)
        {
            case OrderType.Market when request.LimitPrice is not null:
                throw Invalid("A market order takes no limit price.");
            case OrderType.Limit when request.LimitPrice is null:
                throw Invalid("A limit order needs a limit price.");
            case OrderType.Limit when request.LimitPrice <= 0m:
                throw Invalid($"The limit price must be positive; got {request.LimitPrice}.");
            case OrderType.Limit when !Money.IsOnTick(request.LimitPrice!.Value, symbol.TickSize):
                throw Invalid($"The limit price {request.LimitPrice} is not a multiple of {symbol.Symbol}'s tick size {symbol.TickSize}.");
        }

        if (request.Side == OrderSide.SellShort && accountType != AccountType.Margin)
            throw Invalid($"A {accountType} account cannot sell short.");
        return symbol;
    }

    private static TradingException Invalid(string message) => new(TradingErrorKind.Invalid, message);
}

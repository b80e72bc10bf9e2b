namespace SmartTrader.Trading;

/// <summary>
/// A request the trading domain refuses. <see cref="Kind"/> decides the HTTP status the server maps it to;
/// the message is shown to the user as is.
/// </summary>
public class TradingException(TradingErrorKind kind, string message) : Exception(message)
{
    public TradingErrorKind Kind { get; } = kind;
}

public enum TradingErrorKind
{
    /// <summary>The request is malformed or out of range (400).</summary>
    Invalid,
    /// <summary>The symbol, account or order does not exist (404).</summary>
    NotFound,
    /// <summary>The request conflicts with what exists, e.g. a reused clientOrderId with other terms (409).</summary>
    Conflict,
    /// <summary>Well-formed but refused by a business check, e.g. insufficient buying power (422).</summary>
    Refused,
    /// <summary>Temporarily unable to answer, e.g. storage is failing; the same request may succeed later (503).</summary>
    Unavailable,
}

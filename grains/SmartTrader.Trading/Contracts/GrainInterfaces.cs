using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Trading;

/// <summary>Key: ticker. Holds the last quote and recent one-minute bars; feeds the paper venue.</summary>
public interface ISymbolGrain : IGrainWithStringKey
{
    Task<Quote?> GetQuote();
    Task PublishQuote(Quote quote);
    Task<ImmutableArray<Bar>> GetBars(int count);
}

/// <summary>Key: a silo's address (one on every silo). Takes the quotes symbol grains post to that silo's quote board.</summary>
public interface IQuoteBoardGrain : IGrainWithStringKey
{
    Task Post(Quote quote);
}

/// <summary>
/// Key: account id. Owns cash, positions and open orders, and serialises the account's orders so the pre-trade checks
/// see a consistent account. Every method that changes state commits it before returning. Its tax lots are its
/// owner's: it keeps them itself while the owner has no other account, else <see cref="ITaxOwnerGrain"/> does.
/// </summary>
public interface IPortfolioGrain : IGrainWithStringKey
{
    Task<AccountInfo> Open(OpenAccountRequest request);
    Task<AccountInfo?> GetAccount();
    Task<PortfolioView> GetPortfolio();
    Task<ImmutableArray<EquityPoint>> GetEquityHistory();

    /// <summary>
    /// Day trades in the current window, pattern day trader status and maintenance margin, as the pre-trade rules see
    /// them, and the owner's recent losses that a purchase could wash.
    /// </summary>
    Task<ComplianceStatusView> GetComplianceStatus();

    /// <summary>
    /// Tax lots first in, first out, with wash-sale adjustments to basis and acquisition date (from any account of the
    /// owner), and the realized sales.
    /// </summary>
    Task<TaxLotsView> GetTaxLots();

    Task<PlaceOrderResult> PlaceOrder(PlaceOrderRequest request);
    Task<OrderView> CancelOrder(string orderId);

    /// <summary>
    /// Up to <paramref name="limit"/> of the account's fills, oldest first, at or after <paramref name="since"/>, from
    /// just after the fill <paramref name="after"/> (the last of the previous page); null when that is not one of them.
    /// </summary>
    Task<FillPage?> GetFills(DateTimeOffset? since, int limit, string? after);

    /// <summary>From the paper venue: a resting order traded. Idempotent by fill id.</summary>
    Task ApplyVenueFill(Fill fill);

    /// <summary>
    /// From the account that made its owner's accounts more than one: the owner's <see cref="ITaxOwnerGrain"/> keeps
    /// this account's tax lots from now on, not the portfolio. Idempotent.
    /// </summary>
    Task UseOwnerTaxView();
}


using SmartTrader.Compliance.Calendar;
using SmartTrader.Compliance.TaxLots.Ledger;

namespace SmartTrader.Compliance.TaxLots;

/// <summary>
/// The tax lots and realized sales of one owner (one taxpayer) across all their accounts, with wash sales applied
/// as fills arrive: a loss sale takes the replacements already there, and a later purchase within 30 days still
/// washes it. Fills must come in time order. Not thread-safe: one caller at a time, like a grain's state.
/// </summary>
public sealed partial class OwnerLedger
{
    private readonly Dictionary<string, AccountBook> _accounts = new(StringComparer.Ordinal);
    private readonly List<AccountBook> _accountsByIndex = [];
    private readonly List<Position> _positionsByIndex = [];
    private readonly Dictionary<string, UnderlyingPools> _pools = new(StringComparer.Ordinal);
    private readonly SaleBook _sales = new();
    private readonly ZoneDates _dates = new(NyseCalendar.TimeZone);
    private readonly SalePlanner _planner;
    private readonly ReplacementAdjuster _adjuster;
    private readonly PartPool _parts = new();
    private long _acquisitions;
    private long _fills;
    private DateTimeOffset _lastFillTime = DateTimeOffset.MinValue;

    public OwnerLedger(string owner, WashSaleOptions? options = null)
    {
        Owner = owner;
        Options = options ?? WashSaleOptions.Default;
        _planner = new SalePlanner(Options);
        _adjuster = new ReplacementAdjuster(_sales, _parts);
    }

    public string Owner { get; }
    public WashSaleOptions Options { get; }

    public void AddAccount(ComplianceAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Owner != Owner)
            throw new TaxLotException($"account {account.Id} belongs to {account.Owner}, not {Owner}");
        var book = new AccountBook(account, _accountsByIndex.Count);
        if (!_accounts.TryAdd(account.Id, book))
            throw new TaxLotException($"account {account.Id} is already in the ledger of {Owner}");
        _accountsByIndex.Add(book);
    }

    /// <summary>Applies one fill. Throws <see cref="TaxLotException"/> (and changes nothing) when it cannot be applied.</summary>
    public void Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var account = AccountOf(fill.Account);
        if (fill.Quantity <= 0)
            throw Refused(fill, "the quantity must be positive");
        if (fill.Price < 0)
            throw Refused(fill, "the price cannot be negative");
        if (fill.Time < _lastFillTime)
            throw Refused(fill, $"fills must arrive in time order; the owner's last fill was at {_lastFillTime:O}");
        var day = _dates.DayOf(fill.Time);
        switch (fill.Side)
        {
            case TradeSide.Buy: Open(account, fill, day, LotDirection.Long); break;
            case TradeSide.SellShort: Open(account, fill, day, LotDirection.Short); break;
            case TradeSide.Sell: Close(account, fill, day, LotDirection.Long); break;
            case TradeSide.BuyToCover: Close(account, fill, day, LotDirection.Short); break;
            default: throw Refused(fill, $"unknown side {fill.Side}");
        }
        _parts.EndOfFill();
        _lastFillTime = fill.Time;
    }

    private AccountBook AccountOf(string accountId) =>
        _accounts.TryGetValue(accountId, out var account)
            ? account
            : throw new TaxLotException($"account {accountId} is not in the ledger of {Owner}");

    private static TaxLotException Refused(Fill fill, string reason) =>
        new($"{fill.Side} {fill.Quantity} {fill.Symbol} in account {fill.Account} at {fill.Time:O}: {reason}");
}

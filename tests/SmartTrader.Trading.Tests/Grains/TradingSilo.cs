using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Runtime;
using SmartTrader.Trading.Domain;
using SmartTrader.Trading.Hosting;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.ReadModels;
using SmartTrader.Trading.Tests.PreTrade;

namespace SmartTrader.Trading.Tests.Grains;

/// <summary>
/// A grain runtime with the trading grains, in-memory storage (or the given one) and a manual clock. The shipped
/// pre-trade rules are active as version 1 unless the test asks for no ruleset.
/// </summary>
internal sealed class TradingSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TradingSilo(ServiceProvider services, ManualTimeProvider clock, RecordingEvents events)
    {
        _services = services;
        Clock = clock;
        Events = events;
    }

    public ManualTimeProvider Clock { get; }
    public RecordingEvents Events { get; }
    public GrainRuntime Runtime => _services.GetRequiredService<GrainRuntime>();
    public IGrainFactory Grains => Runtime.GrainFactory;
    public IServiceProvider Services => _services;
    public AccountListing Accounts => _services.GetRequiredService<AccountListing>();
    public ActiveRulesets Rulesets => _services.GetRequiredService<ActiveRulesets>();

    public static async Task<TradingSilo> StartAsync(
        Action<TradingOptions>? configure = null, IGrainStorage? storage = null, ManualTimeProvider? clock = null,
        Action<IServiceCollection>? services = null, bool activateShippedRules = true)
    {
        clock ??= new ManualTimeProvider();
        var events = new RecordingEvents();
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ITradingEvents>(events)
            .AddTrading(o =>
            {
                o.FeedEnabled = false;
                o.Seed = 1;
                configure?.Invoke(o);
            });
        services?.Invoke(collection);
        collection.AddGrainRuntime().UseStorage(storage ?? new MemoryGrainStorage());
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<GrainRuntime>().StartAsync();
        var silo = new TradingSilo(provider, clock, events);
        if (activateShippedRules) PreTradeVersions.PublishShipped(silo.Rulesets);
        return silo;
    }

    public IPortfolioGrain Portfolio(string account) => Grains.GetGrain<IPortfolioGrain>(account);
    public OrderHistory Orders => _services.GetRequiredService<OrderHistory>();

    /// <summary>An order's record, as readers see it.</summary>
    public Task<OrderView?> RecordedOrder(string orderId) => Orders.StoredAsync(orderId);
    public IPaperVenueGrain Venue(string symbol) => Grains.GetGrain<IPaperVenueGrain>(symbol);

    public async Task<IPortfolioGrain> OpenAsync(string account, decimal cash = 100_000m, AccountType type = AccountType.Cash, string owner = "alice")
    {
        var portfolio = Portfolio(account);
        await portfolio.Open(new OpenAccountRequest("Test " + account, type, cash, owner));
        return portfolio;
    }

    public ITaxOwnerGrain TaxOwner(string owner) => Grains.GetGrain<ITaxOwnerGrain>(owner);

    public Task QuoteAsync(string symbol, decimal bid, decimal ask) =>
        Grains.GetGrain<ISymbolGrain>(symbol).PublishQuote(new Quote(symbol, bid, ask, Money.RoundToTick((bid + ask) / 2m, 0.01m), Clock.GetUtcNow()));

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
    }
}

internal sealed class RecordingEvents : ITradingEvents
{
    public ConcurrentQueue<Quote> Quotes { get; } = new();
    public ConcurrentQueue<OrderView> Orders { get; } = new();
    public ConcurrentQueue<string> Portfolios { get; } = new();

    public Task QuoteUpdated(Quote quote)
    {
        Quotes.Enqueue(quote);
        return Task.CompletedTask;
    }

    public Task OrderUpdated(OrderView order)
    {
        Orders.Enqueue(order);
        return Task.CompletedTask;
    }

    public Task PortfolioChanged(string account)
    {
        Portfolios.Enqueue(account);
        return Task.CompletedTask;
    }
}

/// <summary>Storage whose writes of rows of one grain type (states or records) fail while <see cref="FailWritesOf"/> names it.</summary>
internal sealed class FlakyStorage(IGrainStorage inner) : IGrainStorage
{
    public string? FailWritesOf { get; set; }

    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default) => inner.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(
        GrainStateKey key, ReadOnlyMemory<byte> payload, string? expectedEtag, IReadOnlyList<GrainRecord> records, CancellationToken cancellationToken = default) =>
        key.GrainType == FailWritesOf || records.Any(r => r.Key.GrainType == FailWritesOf)
            ? Task.FromException<string>(new IOException($"Storage for {FailWritesOf} is unavailable."))
            : inner.WriteAsync(key, payload, expectedEtag, records, cancellationToken);

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken = default) => inner.ClearAsync(key, expectedEtag, cancellationToken);

    public Task<IReadOnlyList<StoredState>> QueryByKeyPrefixAsync(
        string grainType, string stateName, string keyPrefix, string? afterKey, int limit, CancellationToken cancellationToken = default) =>
        inner.QueryByKeyPrefixAsync(grainType, stateName, keyPrefix, afterKey, limit, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => inner.IsHealthyAsync(cancellationToken);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartTrader.Rules.Compilation;
using SmartTrader.Runtime;
using SmartTrader.Trading.Broker;
using SmartTrader.Trading.MarketData;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.ReadModels;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Hosting;

public static class TradingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the trading grains with the grain runtime (storage is the host's choice), the symbol catalog, the
    /// paper broker (validator, slippage, commissions), this silo's <see cref="QuoteBoard"/>, the simulated market and its feed (a hosted service), the clock (<see cref="TimeProvider.System"/> unless one is registered), a no-op
    /// <see cref="ITradingEvents"/> unless one is registered, and the read models over the stored state
    /// (<see cref="AccountListing"/>, <see cref="OrderHistory"/>, <see cref="RulesetListing"/>, <see cref="TaxOwnerSources"/>), and the rules
    /// compiler the ruleset grains validate with. The pre-trade gate: this silo's compiled active
    /// rulesets (<see cref="ActiveRulesets"/>, which is also <see cref="IRulesetActivations"/> and
    /// <see cref="IRulesetSchemas"/>), each account's <see cref="RiskLimits"/>, and a hosted service that activates the
    /// stored pre-trade ruleset once the grain runtime has started (seeding the shipped one). Bind configuration with
    /// <c>services.Configure&lt;TradingOptions&gt;(section)</c> as well, if wanted.
    /// </summary>
    public static IServiceCollection AddTrading(this IServiceCollection services, Action<TradingOptions>? configure = null)
    {
        var options = services.AddOptions<TradingOptions>();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITradingEvents, NoTradingEvents>();
        services.TryAddSingleton<ISymbolCatalog>(sp => new SymbolCatalog(Options(sp).EffectiveSymbols));
        services.TryAddSingleton(sp => Slippage(Options(sp)));
        services.TryAddSingleton(sp => new PaperBroker(sp.GetRequiredService<ISlippageModel>(), Options(sp).MaxLimitFillPerQuote));
        services.TryAddSingleton<OrderValidator>();
        services.TryAddSingleton<QuoteBoard>();
        services.TryAddSingleton(sp =>
        {
            var o = Options(sp);
            var correlation = CorrelationMatrix.FromSectors(o.EffectiveSymbols, o.IntraSectorCorrelation, o.CrossSectorCorrelation);
            return new MarketSimulator(o.EffectiveSymbols, correlation, o.Seed ?? Random.Shared.Next(), sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IMarketFeedLeadership, SingleSiloFeedLeadership>();
        services.TryAddSingleton<MarketFeed>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MarketFeed>(sp => sp.GetRequiredService<MarketFeed>()));
        services.TryAddSingleton<AccountListing>();
        services.TryAddSingleton<OrderHistory>();
        services.TryAddSingleton<TaxOwnerSources>();
        services.TryAddSingleton<RulesetListing>();
        services.TryAddSingleton(_ => new RulesCompiler());
        services.TryAddSingleton<ActiveRulesets>();
        services.TryAddSingleton<IRulesetActivations>(sp => sp.GetRequiredService<ActiveRulesets>());
        services.TryAddSingleton<IRulesetSchemas>(sp => sp.GetRequiredService<ActiveRulesets>());
        services.TryAddSingleton<RiskLimitsProvider>();
        services.AddGrainRuntime().AddGrainsFrom(typeof(TradingServiceCollectionExtensions).Assembly);
        // After the runtime's own hosted service, which starts the grains this one calls.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PreTradeRulesetLoader>());
        return services;
    }

    private static TradingOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<TradingOptions>>().Value;

    private static ISlippageModel Slippage(TradingOptions options) => options.Slippage switch
    {
        SlippageKind.None => new NoSlippage(),
        SlippageKind.FixedBps => new FixedBpsSlippage(options.SlippageBps),
        SlippageKind.SizeProportional => new SizeProportionalSlippage(options.SlippageBps, options.SlippageBlockShares),
        _ => throw new InvalidOperationException($"Unknown slippage model {options.Slippage}."),
    };
}

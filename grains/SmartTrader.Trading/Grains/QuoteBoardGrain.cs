using SmartTrader.Runtime;
using SmartTrader.Trading.MarketData;

namespace SmartTrader.Trading.Grains;

/// <summary>Reaches one silo's <see cref="QuoteBoard"/>; the symbol grains post every quote to each silo's.</summary>
[OnEverySilo, Reentrant]
public sealed class QuoteBoardGrain(QuoteBoard board) : Grain, IQuoteBoardGrain
{
    public Task Post(Quote quote)
    {
        board.Post(quote);
        return Task.CompletedTask;
    }
}

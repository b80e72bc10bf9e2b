using SmartTrader.Runtime;

namespace SmartTrader.Cluster.Tests.Transport;

public enum Side { Buy, Sell }

public sealed record Quote(string Symbol, decimal Price, Side Side, DateTimeOffset At, IReadOnlyList<string> Tags);

/// <summary>Results and arguments of the shapes grain interfaces use.</summary>
public interface IValuesGrain : IGrainWithStringKey
{
    Task Touch();
    Task<int> TouchCount();
    Task<int> Add(int a, int b);
    Task<Quote> Describe(Quote quote, decimal priceChange);
    Task<string?> Maybe(string? value);
    Task<int?> MaybeNumber(int? value);
    Task<IReadOnlyList<int>> Range(int start, int count);
    Task<Dictionary<string, int>> CountWords(string[] words);
    Task<int> WithToken(int value, CancellationToken cancellationToken);
    Task<string> WhereAmI();
}

public sealed class ValuesGrain(ILocalSilo silo) : Grain, IValuesGrain
{
    private int _touched;

    public Task Touch()
    {
        _touched++;
        return Task.CompletedTask;
    }

    public Task<int> TouchCount() => Task.FromResult(_touched);

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<Quote> Describe(Quote quote, decimal priceChange) =>
        Task.FromResult(quote with { Price = quote.Price + priceChange, Tags = [.. quote.Tags, silo.Address.Value] });

    public Task<string?> Maybe(string? value) => Task.FromResult(value);

    public Task<int?> MaybeNumber(int? value) => Task.FromResult(value);

    public Task<IReadOnlyList<int>> Range(int start, int count) => Task.FromResult<IReadOnlyList<int>>(Enumerable.Range(start, count).ToList());

    public Task<Dictionary<string, int>> CountWords(string[] words) =>
        Task.FromResult(words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count()));

    public Task<int> WithToken(int value, CancellationToken cancellationToken) => Task.FromResult(cancellationToken.CanBeCanceled ? value : -value);

    public async Task<string> WhereAmI()
    {
        await Task.Yield();
        return silo.Address.Value;
    }
}

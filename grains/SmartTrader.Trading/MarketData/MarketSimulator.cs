using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.MarketData;

/// <summary>
/// Correlated geometric Brownian motions, one per symbol, without drift. Each step draws independent normals from a
/// seeded generator and correlates them through the Cholesky factor of the correlation matrix, so one seed and one
/// sequence of clock readings always give the same quotes. Time is trading time: a year is 252 days of 6.5 hours.
/// </summary>
public sealed class MarketSimulator
{
    private const double SecondsPerTradingYear = 252 * 6.5 * 3600;

    private readonly Lock _gate = new();
    private readonly IReadOnlyList<SymbolSettings> _symbols;
    private readonly Matrix<double> _cholesky;
    private readonly MersenneTwister _random;
    private readonly TimeProvider _time;
    private readonly double[] _prices;
    private readonly double[] _draws;
    private DateTimeOffset _lastStep;

    public MarketSimulator(IReadOnlyList<SymbolSettings> symbols, double[,] correlation, int seed, TimeProvider time)
    {
        if (correlation.GetLength(0) != symbols.Count || correlation.GetLength(1) != symbols.Count)
            throw new ArgumentException($"The correlation matrix must be {symbols.Count}×{symbols.Count}.", nameof(correlation));
        try
        {
            _cholesky = Matrix<double>.Build.DenseOfArray(correlation).Cholesky().Factor;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The correlation matrix is not symmetric positive definite.", nameof(correlation), e);
        }
        _symbols = symbols;
        _random = new MersenneTwister(seed);
        _time = time;
        _prices = symbols.Select(s => (double)s.StartPrice).ToArray();
        _draws = new double[symbols.Count];
        _lastStep = time.GetUtcNow();
    }

    public IReadOnlyList<SymbolSettings> Symbols => _symbols;

    /// <summary>Moves every price by the time passed since the previous step and returns the new quotes.</summary>
    public IReadOnlyList<Quote> Step()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var years = Math.Max(0, (now - _lastStep).TotalSeconds) / SecondsPerTradingYear;
            _lastStep = now;

            Normal.Samples(_random, _draws, 0, 1);
            var shocks = _cholesky * Vector<double>.Build.DenseOfArray(_draws);
            var quotes = new Quote[_symbols.Count];
            for (var i = 0; i < _symbols.Count; i++)
            {
                var sigma = _symbols[i].AnnualVolatility;
                _prices[i] *= Math.Exp(-0.5 * sigma * sigma * years + sigma * Math.Sqrt(years) * shocks[i]);
                quotes[i] = QuoteAt(_symbols[i], _prices[i], now);
            }
            return quotes;
        }
    }

    private static Quote QuoteAt(SymbolSettings symbol, double price, DateTimeOffset now)
    {
        var tick = symbol.TickSize;
        var mid = Math.Max(tick, (decimal)price);
        var halfSpread = mid * symbol.SpreadBps / 20_000m;
        var bid = Math.Max(tick, Money.RoundDownToTick(mid - halfSpread, tick));
        var ask = Math.Max(bid + tick, Money.RoundUpToTick(mid + halfSpread, tick));
        var last = Math.Clamp(Money.RoundToTick(mid, tick), bid, ask);
        return new Quote(symbol.Symbol, bid, ask, last, now);
    }
}

using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrader.Runtime;
using SmartTrader.Trading;

namespace SmartTrader.Server.Api;

internal static class SymbolEndpoints
{
    private const int MaxBars = 1000;

    public static void MapSymbolEndpoints(this RouteGroupBuilder api)
    {
        var symbols = api.MapGroup("/symbols").WithTags("Market data");
        symbols.MapGet("/", (ISymbolCatalog catalog) => TypedResults.Ok(catalog.All)).WithSummary("The symbols this server trades.");
        symbols.MapGet("/{symbol}/quote", Quote).WithSummary("The last quote.");
        symbols.MapGet("/{symbol}/bars", Bars).WithSummary("The most recent one-minute bars, oldest first.");
    }

    private static async Task<Results<Ok<Quote>, ProblemHttpResult>> Quote(string symbol, ISymbolCatalog catalog, IGrainFactory grains)
    {
        if (!catalog.TryGet(symbol, out var info)) return UnknownSymbol(symbol);
        return await grains.GetGrain<ISymbolGrain>(info.Symbol).GetQuote() is { } quote
            ? TypedResults.Ok(quote)
            : Problems.NotFound($"{info.Symbol} has no quote yet.");
    }

    private static async Task<Results<Ok<ImmutableArray<Bar>>, ValidationProblem, ProblemHttpResult>> Bars(
        string symbol, int? count, ISymbolCatalog catalog, IGrainFactory grains)
    {
        if (count is < 1 or > MaxBars) return Validation.Single("count", $"count must be between 1 and {MaxBars}.");
        if (!catalog.TryGet(symbol, out var info)) return UnknownSymbol(symbol);
        return TypedResults.Ok(await grains.GetGrain<ISymbolGrain>(info.Symbol).GetBars(count ?? 60));
    }

    private static ProblemHttpResult UnknownSymbol(string symbol) => Problems.NotFound($"Unknown symbol '{symbol}'.");
}

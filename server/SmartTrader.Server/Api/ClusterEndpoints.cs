using SmartTrader.Server.Clustering;
using SmartTrader.Server.Identity;

namespace SmartTrader.Server.Api;

internal static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster", async (ClusterOverview overview) => TypedResults.Ok(await overview.GetAsync()))
            .WithTags("Operations")
            .WithSummary("The silos: address, name, status, generation, heartbeat, whether it runs the market feed, activation counts; for the local silo, grain calls sent to and received from other silos, and its process's CPU time, allocations and garbage collections.")
            .RequireAuthorization(AuthenticationSetup.ClusterReaderPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

namespace SmartTrader.Server.Api;

public static class ApiRoutes
{
    public static void MapSmartTraderApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapAuthEndpoints();
        api.MapUserEndpoints();
        api.MapAccountAdminEndpoints();
        api.MapAccountEndpoints();
        api.MapSymbolEndpoints();
        api.MapRulesetEndpoints();
        api.MapClusterEndpoints();
    }
}

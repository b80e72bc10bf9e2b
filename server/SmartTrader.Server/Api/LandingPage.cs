namespace SmartTrader.Server.Api;

internal static class LandingPage
{
    public static void MapLandingPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", () => TypedResults.Content(Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>SmartTrader</title>
          <style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5; }</style>
        </head>
        <body>
          <h1>SmartTrader</h1>
          <p>The trading workflow server is running.</p>
          <ul>
            <li><a href="/swagger">API reference (Swagger UI)</a></li>
            <li><a href="/openapi/v1.json">OpenAPI document</a></li>
            <li><a href="/health/ready">Readiness</a></li>
          </ul>
          <p>The workflow designer is coming here soon.</p>
        </body>
        </html>
        """;
}

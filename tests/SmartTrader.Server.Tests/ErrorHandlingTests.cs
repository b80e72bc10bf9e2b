using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmartTrader.Server.Tests.Support;
using SmartTrader.Trading;

namespace SmartTrader.Server.Tests;

public sealed class ErrorHandlingTests(ErrorHandlingTests.FailingCatalogFactory factory) : IClassFixture<ErrorHandlingTests.FailingCatalogFactory>
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_with_a_correlation_id_and_nothing_of_the_exception()
    {
        using var trader = await factory.ClientForAsync("trader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/symbols");
        request.Headers.Add("X-Correlation-Id", "test-correlation-1");

        using var response = await trader.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "correlationId");
        problem.GetProperty("correlationId").GetString().Should().Be("test-correlation-1");
        response.Headers.GetValues("X-Correlation-Id").Should().Equal("test-correlation-1");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(FailingCatalog.Secret).And.NotContain("InvalidOperation");
    }

    [Fact]
    public async Task A_correlation_id_is_made_when_the_client_sends_none()
    {
        using var http = factory.CreateClient();

        using var response = await http.GetAsync("/health/live");

        response.Headers.GetValues("X-Correlation-Id").Single().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_problem_details()
    {
        using var trader = await factory.ClientForAsync("trader");

        await (await trader.GetAsync("/api/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "Nothing exists");
        await (await trader.DeleteAsync("/api/symbols")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method");
    }

    public sealed class FailingCatalogFactory : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ISymbolCatalog, FailingCatalog>());
        }
    }

    private sealed class FailingCatalog : ISymbolCatalog
    {
        public const string Secret = "connection string with password=hunter2";

        public IReadOnlyList<SymbolInfo> All => throw new InvalidOperationException(Secret);

        public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolInfo? info) => throw new InvalidOperationException(Secret);
    }
}

using System.Net;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

public sealed class HostingTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_anonymously(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_swagger_ui_points_at_it()
    {
        using var http = factory.CreateClient();

        var document = await http.GetStringAsync("/openapi/v1.json");
        var ui = await http.GetStringAsync("/swagger/index.html");
        var settings = await http.GetStringAsync("/swagger/index.js");

        document.Should().Contain("/api/accounts/{accountId}/orders").And.Contain("/api/auth/login");
        ui.Should().Contain("swagger");
        settings.Should().Contain("/openapi/v1.json");
    }

    [Fact]
    public async Task The_landing_page_links_swagger()
    {
        using var response = await factory.CreateClient().GetAsync("/");

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("href=\"/swagger\"").And.Contain("designer");
    }

    [Fact]
    public void Logs_are_written_as_json_under_the_data_directory()
    {
        Directory.GetFiles(Path.Combine(factory.DataDirectory, "logs"), "smarttrader-*.json").Should().NotBeEmpty();
    }
}

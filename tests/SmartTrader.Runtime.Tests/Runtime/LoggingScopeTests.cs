using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrader.Runtime.Tests.Runtime.Grains;
using SmartTrader.Runtime.Tests.Runtime.Support;

namespace SmartTrader.Runtime.Tests.Runtime;

public sealed class LoggingScopeTests
{
    [Fact]
    public async Task Logs_written_inside_a_grain_carry_the_grain_id_and_correlation_id()
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddLogging(b => b.AddProvider(logs)));

        using (RequestContext.Begin("corr-9", null))
            await silo.Get<IContextReaderGrain>("x").LogSomething();

        var record = logs.Records.Single(r => r.Message == "inside the grain");
        record.ScopeProperties.Should().Contain("GrainId", "contextreader/x").And.Contain("CorrelationId", "corr-9");
    }

    [Fact]
    public async Task A_turn_without_a_correlation_id_logs_none_rather_than_a_null_one()
    {
        var logs = new CapturingLoggerProvider();
        await using var silo = await TestSilo.StartAsync(services: s => s.AddLogging(b => b.AddProvider(logs)));

        await silo.Get<IContextReaderGrain>("y").LogSomething();

        var record = logs.Records.Single(r => r.Message == "inside the grain");
        record.ScopeProperties.Should().Contain("GrainId", "contextreader/y").And.NotContainKey("CorrelationId");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests;

/// <summary>
/// A host may dispose its services before its hosted services' last stop step runs (WebApplicationFactory does): the
/// agent's stop must then be a no-op, not an ObjectDisposedException.
/// </summary>
public sealed class MembershipAgentDisposalTests
{
    [Fact]
    public async Task Stopping_the_loop_after_the_agent_was_disposed_does_not_throw()
    {
        var agent = NewAgent();
        await agent.DisposeAsync();

        await FluentActions.Awaiting(agent.StopLoopAsync).Should().NotThrowAsync();
    }

    [Fact]
    public async Task Disposing_twice_does_not_throw()
    {
        var agent = NewAgent();
        agent.Dispose();

        FluentActions.Invoking(agent.Dispose).Should().NotThrow();
        await FluentActions.Awaiting(agent.DisposeAsync().AsTask).Should().NotThrowAsync();
    }

    private static MembershipAgent NewAgent() => new(
        table: null!, membership: null!, new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions()), Options.Create(new SiloOptions()), TimeProvider.System,
        NullLogger<MembershipAgent>.Instance);
}

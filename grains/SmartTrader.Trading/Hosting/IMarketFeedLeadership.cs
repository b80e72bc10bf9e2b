namespace SmartTrader.Trading.Hosting;

/// <summary>
/// Whether this silo publishes the simulated market. A single silo always does; in a cluster exactly one silo should,
/// and the host registers an implementation that answers from the membership view. Asked on every feed step.
/// </summary>
public interface IMarketFeedLeadership
{
    bool PublishesHere { get; }
}

/// <summary>The single-silo answer: this silo is the only one, so it publishes.</summary>
public sealed class SingleSiloFeedLeadership : IMarketFeedLeadership
{
    public bool PublishesHere => true;
}

using SmartTrader.Runtime.Cluster;
using SmartTrader.Trading.Hosting;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// The simulated market runs on one silo: the Active silo that started first (by the database's clock; address breaks
/// ties). Every silo answers from its own view of the membership, so during a change two silos may briefly both
/// publish, or none; symbol grains simply take the latest quote. A silo that stops serving stops publishing at once.
/// </summary>
internal sealed class OldestActiveSiloLeadsFeed(IClusterMembership membership) : IMarketFeedLeadership
{
    public bool PublishesHere =>
        membership.IsServing && membership.LocalStatus == SiloStatus.Active && Leader(membership.Current) == membership.LocalSilo;

    public static ClusterSiloAddress? Leader(MembershipSnapshot view) =>
        view.Silos.Where(s => s.Status == SiloStatus.Active)
            .OrderBy(s => s.StartedAt).ThenBy(s => s.Address.ToString(), StringComparer.Ordinal)
            .Select(s => (ClusterSiloAddress?)s.Address).FirstOrDefault();
}

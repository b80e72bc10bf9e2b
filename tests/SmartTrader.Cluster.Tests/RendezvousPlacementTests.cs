using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests;

public sealed class RendezvousPlacementTests
{
    private static readonly GrainId[] Grains = Enumerable.Range(0, 30_000).Select(i => new GrainId("portfolio", $"acct-{i}")).ToArray();

    // FNV-1a 64 of "portfolio/acct-1" (UTF-16 code units) through MurmurHash3's finalizer, computed independently.
    private const ulong PinnedHash = 17917917957839403755UL;

    private static ClusterSiloAddress Silo(int n, long generation = 1) => new($"10.0.0.{n}", 11111, generation);

    private static Dictionary<GrainId, SiloAddress> Place(RendezvousPlacement placement) =>
        Grains.ToDictionary(g => g, g => placement.OwnerOf(g)!.Value);

    [Fact]
    public void Grains_spread_evenly_over_the_silos()
    {
        var owners = Place(new RendezvousPlacement([Silo(1), Silo(2), Silo(3)]));

        owners.Values.GroupBy(o => o).Should().HaveCount(3)
            .And.OnlyContain(g => Math.Abs(g.Count() - Grains.Length / 3) < Grains.Length / 3 * 0.05, "each silo gets a third, within 5%");
    }

    [Fact]
    public void A_joining_silo_takes_about_its_share_and_no_grain_moves_between_the_others()
    {
        var before = Place(new RendezvousPlacement([Silo(1), Silo(2), Silo(3)]));
        var after = Place(new RendezvousPlacement([Silo(1), Silo(2), Silo(3), Silo(4)]));

        var moved = Grains.Where(g => before[g] != after[g]).ToList();
        moved.Should().OnlyContain(g => after[g] == Silo(4).ToSiloAddress());
        ((double)moved.Count / Grains.Length).Should().BeApproximately(0.25, 0.02);
    }

    [Fact]
    public void A_leaving_silo_hands_only_its_own_grains_to_the_others()
    {
        var before = Place(new RendezvousPlacement([Silo(1), Silo(2), Silo(3)]));
        var after = Place(new RendezvousPlacement([Silo(1), Silo(3)]));

        Grains.Where(g => before[g] != after[g]).Should().OnlyContain(g => before[g] == Silo(2).ToSiloAddress())
            .And.HaveCount(before.Values.Count(o => o == Silo(2).ToSiloAddress()));
    }

    [Fact]
    public void Every_silo_computes_the_same_owner_whatever_the_order_it_lists_the_silos_in()
    {
        var one = new RendezvousPlacement([Silo(1), Silo(2), Silo(3)]);
        var other = new RendezvousPlacement([Silo(3), Silo(1), Silo(2)]);

        Grains.Take(1000).Should().OnlyContain(g => one.OwnerOf(g) == other.OwnerOf(g));
    }

    [Fact]
    public void The_hash_is_pinned_so_that_silos_of_different_builds_agree()
    {
        StableHash.Of(new GrainId("portfolio", "acct-1")).Should().Be(PinnedHash);
        StableHash.Of("10.0.0.1:11111").Should().NotBe(StableHash.Of("10.0.0.1:11112"));
    }

    [Fact]
    public void A_silo_restarted_on_its_endpoint_gets_the_same_grains_back()
    {
        var before = new RendezvousPlacement([Silo(1), Silo(2, generation: 5), Silo(3)]);
        var after = new RendezvousPlacement([Silo(1), Silo(2, generation: 9), Silo(3)]);

        static string Endpoint(SiloAddress? silo) => ClusterSiloAddress.Parse(silo!.Value) is var s ? $"{s.Host}:{s.Port}" : "";
        Grains.Take(3000).Select(g => Endpoint(before.OwnerOf(g))).Should().Equal(Grains.Take(3000).Select(g => Endpoint(after.OwnerOf(g))));
    }

    [Fact]
    public void Nobody_owns_a_grain_when_no_silo_is_active() =>
        new RendezvousPlacement([]).OwnerOf(Grains[0]).Should().BeNull();
}

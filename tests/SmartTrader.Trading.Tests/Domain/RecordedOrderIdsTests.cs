using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class RecordedOrderIdsTests
{
    [Fact]
    public void Added_ids_are_known_and_others_are_not()
    {
        var recorded = new RecordedOrderIds();
        var ids = Enumerable.Range(0, 10_000).Select(i => OrderIds.For("acc.1", $"client-{i}")).ToList();

        foreach (var id in ids.Take(5_000)) recorded.Add(id);

        ids.Take(5_000).Should().OnlyContain(id => recorded.MayContain(id));
        ids.Skip(5_000).Should().NotContain(id => recorded.MayContain(id), "64-bit fingerprints of 5,000 ids do not collide with 5,000 others");
        recorded.Count.Should().Be(5_000);
    }

    [Fact]
    public void Ids_that_share_the_first_16_hex_digits_share_a_fingerprint_so_a_hit_is_only_a_maybe()
    {
        var recorded = new RecordedOrderIds();
        recorded.Add("acc.0123456789abcdef0000");

        recorded.MayContain("acc.0123456789abcdefffff").Should().BeTrue();
        recorded.MayContain("acc.1123456789abcdef0000").Should().BeFalse();
    }

    [Fact]
    public void An_id_not_shaped_by_OrderIds_is_still_told_apart()
    {
        var recorded = new RecordedOrderIds();
        recorded.Add("legacy-order");

        recorded.MayContain("legacy-order").Should().BeTrue();
        recorded.MayContain("legacy-order-2").Should().BeFalse();
    }
}

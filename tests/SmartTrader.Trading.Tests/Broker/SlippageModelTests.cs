using SmartTrader.Trading.Broker;

namespace SmartTrader.Trading.Tests.Broker;

public class SlippageModelTests
{
    [Fact]
    public void No_slippage_moves_nothing() => new NoSlippage().PriceImpact(100m, 10_000m).Should().Be(0m);

    [Fact]
    public void Fixed_basis_points_ignore_size()
    {
        var model = new FixedBpsSlippage(5m);
        model.PriceImpact(200m, 1m).Should().Be(0.10m);
        model.PriceImpact(200m, 10_000m).Should().Be(0.10m);
    }

    [Fact]
    public void Size_proportional_slippage_grows_with_quantity()
    {
        var model = new SizeProportionalSlippage(basisPointsPerBlock: 1m, blockShares: 1_000m);
        model.PriceImpact(100m, 1_000m).Should().Be(0.01m);
        model.PriceImpact(100m, 5_000m).Should().Be(0.05m);
        model.PriceImpact(100m, 500m).Should().Be(0.005m);
    }

    [Fact]
    public void Negative_or_empty_settings_are_refused()
    {
        FluentActions.Invoking(() => new FixedBpsSlippage(-1m)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new SizeProportionalSlippage(1m, 0m)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

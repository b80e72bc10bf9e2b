using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class FillIdsTests
{
    [Fact]
    public void A_fill_is_named_by_its_order_and_what_was_filled_before_it()
    {
        FillIds.For("acc.abc", 0m).Should().Be("acc.abc:0");
        FillIds.For("acc.abc", 300.00m).Should().Be("acc.abc:300");
        FillIds.For("acc.abc", 300m).Should().NotBe(FillIds.For("acc.abc", 400m));
    }
}

using SmartTrader.Trading.Domain;

namespace SmartTrader.Trading.Tests.Domain;

public class CommissionScheduleTests
{
    [Fact]
    public void The_fee_is_per_share_rounded_to_the_cent_with_a_minimum()
    {
        var schedule = new CommissionSchedule(0.005m, 1.00m);
        schedule.ForOrderQuantity(100m).Should().Be(1.00m);   // 0.50 → minimum
        schedule.ForOrderQuantity(333m).Should().Be(1.67m);   // 1.665 → 1.67
        schedule.ForOrderQuantity(0m).Should().Be(0m);
    }

    [Fact]
    public void An_order_filled_in_parts_pays_the_minimum_once()
    {
        var schedule = new CommissionSchedule(0.005m, 1.00m);
        var first = schedule.ForFill(0m, 100m);
        var second = schedule.ForFill(100m, 300m);
        first.Should().Be(1.00m);
        second.Should().Be(1.00m); // the order's total becomes 2.00
        (first + second).Should().Be(schedule.ForOrderQuantity(400m));
    }

    [Fact]
    public void Free_charges_nothing()
    {
        CommissionSchedule.Free.ForFill(0m, 1_000m).Should().Be(0m);
    }
}

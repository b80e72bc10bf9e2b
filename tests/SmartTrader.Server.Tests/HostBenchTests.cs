using SmartTrader.Server.Bench;

namespace SmartTrader.Server.Tests;

/// <summary>What the benches read of the machine itself: its CPU time (steal included) and how steady its speed is.</summary>
public sealed class HostBenchTests
{
    [Fact]
    public void Busy_idle_and_steal_come_from_the_cpu_line_of_proc_stat()
    {
        var cpu = HostCpu.Parse("cpu  94049 10 8767 73233 1499 20 900 3609 0 0");

        cpu.Should().Be(new HostCpu(Busy: 94049 + 10 + 8767 + 20 + 900, Idle: 73233 + 1499, Steal: 3609));
    }

    [Fact]
    public void Shares_are_of_the_time_between_two_reads()
    {
        var before = HostCpu.Parse("cpu  1000 0 0 1000 0 0 0 100 0 0");
        var after = HostCpu.Parse("cpu  1150 0 30 1100 0 0 0 120 0 0");

        var window = HostCpu.Between(before, after);

        window.StealPercent.Should().BeApproximately(100.0 * 20 / 300, 1e-9);
        window.BusyPercent.Should().BeApproximately(100.0 * 180 / 300, 1e-9);
    }

    [Fact]
    public void A_kernel_without_a_steal_column_reports_none()
    {
        HostCpu.Between(HostCpu.Parse("cpu 10 0 5 100"), HostCpu.Parse("cpu 20 0 5 150")).StealPercent.Should().Be(0);
    }

    [Fact]
    public void This_machine_is_read_where_proc_stat_exists()
    {
        var cpu = HostCpu.Read();

        if (File.Exists("/proc/stat")) cpu.Should().NotBeNull().And.Match<HostCpu>(c => c.Busy + c.Idle > 0);
        else cpu.Should().BeNull();
    }

    [Fact]
    public void The_host_speed_bench_reports_one_rate_per_window()
    {
        var r = HostSpeed.Run(TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(50));

        r.WindowRates.Should().HaveCount(5).And.OnlyContain(rate => rate > 0);
        r.Slowest.Should().BeLessThanOrEqualTo(r.Median).And.BeLessThanOrEqualTo(r.Fastest);
    }
}

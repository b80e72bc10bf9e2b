namespace SmartTrader.Cluster.Tests.Transport;

[Collection(ThreeSilosCollection.Name)]
public class CrossSiloResultTests(ThreeSilos cluster)
{
    private IValuesGrain OnB(string key) => cluster.A.Grains.GetGrain<IValuesGrain>("b:" + key);

    [Fact]
    public async Task The_call_runs_on_the_owning_silo()
    {
        (await OnB("where").WhereAmI()).Should().Be(cluster.B.Address.Value);
        (await cluster.A.Grains.GetGrain<IValuesGrain>("c:where").WhereAmI()).Should().Be(cluster.C.Address.Value);
    }

    [Fact]
    public async Task A_void_method_runs_once_per_call()
    {
        var grain = OnB("void");
        await grain.Touch();
        await grain.Touch();
        (await grain.TouchCount()).Should().Be(2);
    }

    [Fact]
    public async Task Values_records_and_enums_travel_both_ways()
    {
        var at = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(-4));
        var quote = new Quote("MSFT", 412.10m, Side.Sell, at, ["opening"]);

        (await OnB("values").Add(40, 2)).Should().Be(42);
        var described = await OnB("values").Describe(quote, 0.05m);

        described.Should().BeEquivalentTo(quote with { Price = 412.15m, Tags = ["opening", cluster.B.Address.Value] });
        described.At.Offset.Should().Be(TimeSpan.FromHours(-4));
    }

    [Fact]
    public async Task Nulls_travel_as_nulls()
    {
        (await OnB("nulls").Maybe(null)).Should().BeNull();
        (await OnB("nulls").Maybe("")).Should().Be("");
        (await OnB("nulls").MaybeNumber(null)).Should().BeNull();
        (await OnB("nulls").MaybeNumber(0)).Should().Be(0);
    }

    [Fact]
    public async Task Collections_travel_as_their_declared_types()
    {
        (await OnB("lists").Range(5, 4)).Should().Equal(5, 6, 7, 8);
        (await OnB("lists").CountWords(["buy", "sell", "buy"]))
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["buy"] = 2, ["sell"] = 1 });
    }

    [Fact]
    public async Task A_cancellation_token_parameter_is_not_sent_but_the_callee_gets_a_live_token()
    {
        (await OnB("token").WithToken(7, CancellationToken.None)).Should().Be(7, "the callee's token can be cancelled by the caller");
    }

    [Fact]
    public async Task A_call_to_a_grain_on_this_silo_stays_local()
    {
        var local = cluster.A.Grains.GetGrain<IValuesGrain>("no-prefix-stays-home");
        (await local.WhereAmI()).Should().Be(cluster.A.Address.Value);
        (await local.WithToken(3, CancellationToken.None)).Should().Be(-3, "locally the caller's own token is passed as is");
    }
}

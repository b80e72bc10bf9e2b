namespace SmartTrader.Cluster.Tests.Transport;

/// <summary>Silos "a", "b" and "c", shared by the tests that only call grains (none stops or restarts a silo).</summary>
public sealed class ThreeSilos : IAsyncLifetime
{
    public ClusterMap Map { get; } = new();
    public TestSilo A { get; private set; } = null!;
    public TestSilo B { get; private set; } = null!;
    public TestSilo C { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await TestSilo.StartAsync(Map, "a");
        B = await TestSilo.StartAsync(Map, "b");
        C = await TestSilo.StartAsync(Map, "c");
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await C.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ThreeSilosCollection : ICollectionFixture<ThreeSilos>
{
    public const string Name = "three silos";
}

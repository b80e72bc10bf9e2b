using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage.Hosting;

namespace SmartTrader.Cluster.Tests;

public sealed class AddClusterTests
{
    [Fact]
    public void The_cluster_replaces_the_single_silo_address_placement_and_adds_the_directory_fence_and_reminder_shard()
    {
        var services = new ServiceCollection();
        services.AddGrainRuntime();
        services.AddCluster(o => { o.ConnectionString = "Host=unused"; o.Host = "10.0.0.5"; o.Port = 12000; });
        using var provider = services.BuildServiceProvider();

        var local = provider.GetRequiredService<ILocalSilo>().Address;
        ClusterSiloAddress.Parse(local).Should().Match<ClusterSiloAddress>(a => a.Host == "10.0.0.5" && a.Port == 12000 && a.Generation > 0);
        provider.GetRequiredService<IGrainPlacement>().Should().BeOfType<ClusterPlacement>();
        provider.GetRequiredService<IActivationDirectory>().Should().BeOfType<ClusterActivationDirectory>();
        provider.GetRequiredService<ISiloFence>().Should().BeSameAs(provider.GetRequiredService<IClusterMembership>());
        provider.GetRequiredService<IReminderShard>().Should().BeOfType<RendezvousReminderShard>();
        provider.GetRequiredService<IGrainPlacement>().Invoking(p => p.GetOwner(new GrainId("counter", "k")))
            .Should().Throw<SiloNotServingException>("a silo serves nothing before it has joined");
    }

    [Fact]
    public void Without_a_connection_string_it_shares_the_postgres_grain_storage_database_and_says_so_when_there_is_none()
    {
        var shared = new ServiceCollection();
        shared.AddPostgresGrainStorage("Host=storage-db;Database=st");
        shared.AddGrainRuntime();
        shared.AddCluster();
        using (var provider = shared.BuildServiceProvider())
            provider.GetRequiredService<ClusterDatabase>().DataSource.ConnectionString.Should().Contain("storage-db");

        var none = new ServiceCollection();
        none.AddGrainRuntime();
        none.AddCluster();
        using var orphan = none.BuildServiceProvider();
        orphan.Invoking(p => p.GetRequiredService<ClusterDatabase>()).Should().Throw<InvalidOperationException>().WithMessage("*ConnectionString*");
    }

    [Fact]
    public void Timings_that_cannot_work_are_refused()
    {
        var services = new ServiceCollection();
        services.AddCluster(o => { o.HeartbeatPeriod = TimeSpan.FromSeconds(5); o.DeathLimit = TimeSpan.FromSeconds(6); o.Port = 0; });
        using var provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<IOptions<ClusterOptions>>().Value).Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public async Task A_silo_without_a_transport_refuses_to_start_and_names_what_is_missing()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddGrainRuntime();
        builder.Services.AddCluster(o => o.ConnectionString = "Host=unused");
        using var host = builder.Build();

        await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*ISiloProbe*");
    }
}

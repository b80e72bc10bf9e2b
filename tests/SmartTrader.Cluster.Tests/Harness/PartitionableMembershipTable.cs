using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SmartTrader.Runtime.Cluster;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// TEST ONLY. A silo's membership table that can be cut off, as if the silo lost its network path to PostgreSQL (or
/// PostgreSQL was down), and healed again. Every call fails while it is cut off, as Npgsql's would.
/// </summary>
internal sealed class PartitionableMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private volatile bool _partitioned;

    /// <summary>Registers the PostgreSQL table wrapped in this one for a silo; reach it through the silo's services.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton(sp => new PartitionableMembershipTable(new PostgresMembershipTable(sp.GetRequiredService<ClusterDatabase>())));
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => sp.GetRequiredService<PartitionableMembershipTable>()));
    }

    public static PartitionableMembershipTable Of(TestSilo silo) => silo.Services.GetRequiredService<PartitionableMembershipTable>();

    public void Partition() => _partitioned = true;

    public void Heal() => _partitioned = false;

    public Task InitializeAsync(CancellationToken cancellationToken) => Guard(() => inner.InitializeAsync(cancellationToken));
    public Task<MembershipSnapshot> ReadAsync(CancellationToken cancellationToken) => Guard(() => inner.ReadAsync(cancellationToken));
    public Task InsertJoiningAsync(ClusterSiloAddress silo, string name, CancellationToken cancellationToken) =>
        Guard(() => inner.InsertJoiningAsync(silo, name, cancellationToken));
    public Task<long?> TryChangeStatusAsync(ClusterSiloAddress silo, long expectedVersion, SiloStatus status, CancellationToken cancellationToken) =>
        Guard(() => inner.TryChangeStatusAsync(silo, expectedVersion, status, cancellationToken));
    public Task<bool> TryDeclareDeadAsync(ClusterSiloAddress silo, long expectedVersion, TimeSpan silentFor, CancellationToken cancellationToken) =>
        Guard(() => inner.TryDeclareDeadAsync(silo, expectedVersion, silentFor, cancellationToken));
    public Task<bool> HeartbeatAsync(ClusterSiloAddress silo, CancellationToken cancellationToken) => Guard(() => inner.HeartbeatAsync(silo, cancellationToken));
    public Task<int> DeleteDeadAsync(TimeSpan deadFor, CancellationToken cancellationToken) => Guard(() => inner.DeleteDeadAsync(deadFor, cancellationToken));

    private Task<T> Guard<T>(Func<Task<T>> call) =>
        _partitioned ? Task.FromException<T>(new NpgsqlException("partitioned from PostgreSQL (test)")) : call();

    private Task Guard(Func<Task> call) =>
        _partitioned ? Task.FromException(new NpgsqlException("partitioned from PostgreSQL (test)")) : call();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SmartTrader.Runtime.Cluster;
using Xunit.Abstractions;

namespace SmartTrader.Cluster.Tests.Harness;

/// <summary>
/// TEST ONLY. A silo's membership table that can be cut off, as if the silo lost its network path to PostgreSQL (or
/// PostgreSQL was down), and healed again: either every call fails, as Npgsql's does when the database refuses
/// connections, or every call waits unanswered, as when the link drops.
/// </summary>
internal sealed class PartitionableMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private volatile bool _partitioned;
    private volatile bool _silent;
    private readonly TaskCompletionSource _silenceEnds = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unanswered;

    /// <summary>Registers the PostgreSQL table wrapped in this one for a silo; reach it through the silo's services.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton(sp => new PartitionableMembershipTable(new PostgresMembershipTable(sp.GetRequiredService<ClusterDatabase>())));
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(sp => sp.GetRequiredService<PartitionableMembershipTable>()));
    }

    /// <summary>Starts a cluster each of whose silos has a table that can be cut off.</summary>
    public static Task<TestCluster> StartClusterAsync(int silos, ITestOutputHelper output) =>
        TestCluster.StartAsync(silos, new TestClusterOptions { Output = output, Services = (services, _) => AddTo(services) });

    public static PartitionableMembershipTable Of(TestSilo silo) => silo.Services.GetRequiredService<PartitionableMembershipTable>();

    /// <summary>How many calls <see cref="Silence"/> has left waiting.</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Every call fails at once, as when the database refuses connections.</summary>
    public void Partition() => _partitioned = true;

    /// <summary>
    /// Every call waits, ignoring its cancellation token, as a statement in flight does when the link to the
    /// database drops: nothing answers and nothing refuses.
    /// </summary>
    public void Silence() => _silent = true;

    /// <summary>Calls made from now on reach the database again; calls left waiting by <see cref="Silence"/> keep waiting.</summary>
    public void Heal()
    {
        _partitioned = false;
        _silent = false;
    }

    /// <summary>Calls left waiting by <see cref="Silence"/> fail now, so that the end of a test never waits on them.</summary>
    public void EndSilence() => _silenceEnds.TrySetResult();

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
        _silent ? UnansweredAsync<T>()
        : _partitioned ? Task.FromException<T>(new NpgsqlException("partitioned from PostgreSQL (test)"))
        : call();

    private Task Guard(Func<Task> call) => Guard(async () => { await call(); return true; });

    private async Task<T> UnansweredAsync<T>()
    {
        Interlocked.Increment(ref _unanswered);
        await _silenceEnds.Task;
        throw new NpgsqlException("no answer from PostgreSQL (test)");
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartTrader.Runtime;

/// <summary>
/// Fires durable reminders. Loads the reminder table at start, every <see cref="SiloOptions.ReminderRefreshPeriod"/>
/// and whenever the <see cref="IReminderShard"/> (in a cluster) says this silo's share changed, keeping the reminders
/// this silo owns (all of them, for the single silo). Arms a timer per reminder and, when one is due, calls
/// <see cref="IRemindable.ReceiveReminder"/> through the normal call path, activating the grain if needed.
/// </summary>
internal sealed class ReminderService
{
    private readonly IReminderTable? _table;
    private readonly IReminderShard? _shard;
    private readonly GrainCallRouter _router;
    private readonly GrainTypeRegistry _registry;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshPeriod;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = [];
    private long _version;
    private bool _stopped;
    private ITimer? _refreshTimer;

    public ReminderService(
        IServiceProvider services, GrainCallRouter router, GrainTypeRegistry registry, TimeProvider time,
        IOptions<SiloOptions> options, ILogger<ReminderService> logger)
    {
        _table = services.GetService<IReminderTable>();
        _shard = services.GetService<IReminderShard>();
        _router = router;
        _registry = registry;
        _time = time;
        _refreshPeriod = options.Value.ReminderRefreshPeriod;
        _logger = logger;
    }

    public bool IsEnabled => _table is not null;

    public int Count
    {
        get { lock (_lock) return _scheduled.Count; }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_table is null) return;
        if (_shard is not null) _shard.Changed += OnShardChanged;
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _refreshTimer = _time.CreateTimer(static state => _ = ((ReminderService)state!).RefreshLoggingFailuresAsync(), this,
            _refreshPeriod, _refreshPeriod);
    }

    public void Stop()
    {
        if (_shard is not null) _shard.Changed -= OnShardChanged;
        lock (_lock)
        {
            _stopped = true;
            _refreshTimer?.Dispose();
            foreach (var reminder in _scheduled.Values) reminder.Dispose();
            _scheduled.Clear();
        }
    }

    public async Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var entry = new ReminderEntry(grainId, name, _time.GetUtcNow() + dueTime, period);
        await Table.UpsertAsync(entry).ConfigureAwait(false);
        lock (_lock)
        {
            // A reminder of a grain this silo does not own is armed by its owner when it next reads the table.
            if (Owns(grainId)) Schedule(entry);
            else if (_scheduled.Remove((grainId, name), out var previous)) previous.Dispose();
        }
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        await Table.RemoveAsync(grainId, name).ConfigureAwait(false);
        lock (_lock)
        {
            if (_scheduled.Remove((grainId, name), out var reminder)) reminder.Dispose();
        }
    }

    private IReminderTable Table => _table ?? throw new InvalidOperationException(
        "Reminders need an IReminderTable, and none is registered. Register one (or UseInMemoryReminders() for tests).");

    private bool Owns(GrainId grainId) => _shard?.Owns(grainId) ?? true;

    private void OnShardChanged() => _ = RefreshLoggingFailuresAsync();

    private async Task RefreshLoggingFailuresAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.ReminderRefreshFailed(e);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        long readVersion;
        lock (_lock) readVersion = _version;
        var entries = await _table!.ReadRangeAsync(uint.MinValue, uint.MaxValue, cancellationToken).ConfigureAwait(false);

        lock (_lock)
        {
            if (_stopped) return;
            if (_shard is not null) entries = entries.Where(e => Owns(e.GrainId)).ToList();
            var inTable = entries.ToDictionary(e => (e.GrainId, e.Name));
            foreach (var (key, reminder) in _scheduled.ToList())
            {
                if (Owns(key.GrainId) && (reminder.Version > readVersion || inTable.ContainsKey(key))) continue;
                _scheduled.Remove(key);
                reminder.Dispose();
            }
            foreach (var entry in entries)
            {
                var known = _scheduled.GetValueOrDefault((entry.GrainId, entry.Name));
                if (known is null || (known.Entry != entry && known.Version <= readVersion)) Schedule(entry);
            }
        }
    }

    /// <summary>Under the lock: (re)arms the timer of one reminder.</summary>
    private void Schedule(ReminderEntry entry)
    {
        if (_stopped) return;
        var key = (entry.GrainId, entry.Name);
        if (_scheduled.Remove(key, out var previous)) previous.Dispose();

        var reminder = new ScheduledReminder(entry, ++_version);
        _scheduled[key] = reminder;
        reminder.Timer = _time.CreateTimer(static state =>
        {
            var (service, reminder) = ((ReminderService, ScheduledReminder))state!;
            service.Fire(reminder);
        }, (this, reminder), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        reminder.Timer.Change(ReminderSchedule.FirstDelay(entry, _time.GetUtcNow()), Timeout.InfiniteTimeSpan);
    }

    private void Fire(ScheduledReminder reminder)
    {
        var entry = reminder.Entry;
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (reminder.IsDisposed) return;
            reminder.Timer!.Change(ReminderSchedule.NextTickAfter(entry, now) - now, Timeout.InfiniteTimeSpan);
        }

        var tick = new TickStatus(entry.StartAt, entry.Period, now);
        var callerContext = RequestContext.Current;
        RequestContext.Current = null;
        Task call;
        try
        {
            if (!_registry.ClassOf(entry.GrainId).IsRemindable)
            {
                _logger.ReminderTargetNotRemindable(entry.GrainId, entry.Name);
                return;
            }
            call = _router.Invoke(entry.GrainId, _registry.ReceiveReminder, [entry.Name, tick]);
        }
        catch (Exception e)
        {
            call = Task.FromException(e);
        }
        finally
        {
            RequestContext.Current = callerContext;
        }

        call.ContinueWith(static (call, state) =>
        {
            var (logger, entry) = ((ILogger, ReminderEntry))state!;
            logger.ReminderFailed(call.Exception!.GetBaseException(), entry.GrainId, entry.Name);
        }, (_logger, entry), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

namespace SmartTrader.Runtime.Tests.Runtime.Support;

/// <summary>
/// What test grains did, in order, plus gates the test opens to let a grain continue. Registered per silo, so two
/// silos in one test keep separate logs.
/// </summary>
public sealed class CallLog
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly List<string> _entries = [];
    private readonly List<(string Entry, TaskCompletionSource Seen)> _waiters = [];
    private readonly Dictionary<string, TaskCompletionSource> _gates = [];
    private int _running;

    public IReadOnlyList<string> Entries
    {
        get { lock (_lock) return [.. _entries]; }
    }

    /// <summary>Most turns seen running at the same time (tracked by <see cref="Enter"/>/<see cref="Exit"/>).</summary>
    public int MaxConcurrency { get; private set; }

    public void Add(string entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Entry == entry).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public void Enter(string entry)
    {
        lock (_lock) MaxConcurrency = Math.Max(MaxConcurrency, ++_running);
        Add(entry);
    }

    public void Exit(string entry)
    {
        lock (_lock) _running--;
        Add(entry);
    }

    public int Count(string entry)
    {
        lock (_lock) return _entries.Count(e => e == entry);
    }

    /// <summary>Completes once <paramref name="entry"/> has been logged; fails the test after a generous real-time wait.</summary>
    public Task WaitForAsync(string entry)
    {
        lock (_lock)
        {
            if (_entries.Contains(entry)) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((entry, seen));
            return seen.Task.WaitAsync(Patience);
        }
    }

    /// <summary>A gate grains await; the test opens it with <see cref="Open"/>.</summary>
    public Task Gate(string name)
    {
        lock (_lock) return GateSource(name).Task;
    }

    public void Open(string name)
    {
        lock (_lock) GateSource(name).TrySetResult();
    }

    private TaskCompletionSource GateSource(string name) =>
        _gates.TryGetValue(name, out var gate)
            ? gate
            : _gates[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
}

using System.Diagnostics.CodeAnalysis;
using Bench.Load.Measurement;

namespace Bench.Load.Engine;

/// <summary>
/// The open model on one worker: arrivals follow the shared schedule (this worker takes every W-th one), each
/// request's latency counts from its intended time, and a request that finds no free connection waits in a
/// backlog — a counter, since intended times are recomputed from the schedule — while connections are opened as
/// needed up to the worker's maximum. A request sent more than LateAfter after its time is late. After the window,
/// the worker drains: requests intended inside it are still sent and awaited, for one timeout at most.
/// </summary>
internal sealed class OpenWorkerModel : IWorkerModel
{
    private readonly Worker _worker;
    private readonly ArrivalSchedule _schedule;
    private readonly int _preOpen;
    private readonly int _maxConnections;
    private readonly Stack<Connection> _idle = new();
    private readonly Stack<Connection> _free = new();
    private long _nextIndex;
    private long _nextIntended;
    private bool _dispatching;

    /// <param name="preOpen">Connections this worker opens before the first arrival.</param>
    /// <param name="maxConnections">The most connections this worker may have.</param>
    public OpenWorkerModel(Worker worker, int preOpen, int maxConnections)
    {
        var options = worker.Plan.Options;
        _worker = worker;
        _schedule = new ArrivalSchedule(options.Rate, options.Warmup, options.Stages, options.Warmup + options.Duration);
        _preOpen = preOpen;
        _maxConnections = maxConnections;
        _nextIndex = worker.Index;
        _nextIntended = IntendedTime(_nextIndex);
    }

    /// <summary>Requests intended in the window and sent (or connecting) before the end.</summary>
    public long Sent { get; private set; }

    /// <summary>Of those, sent more than LateAfter after their intended time.</summary>
    public long Late { get; private set; }

    /// <summary>Intended in the window but never sent.</summary>
    public long Unsent { get; private set; }

    /// <summary>
    /// The next arrival, or never while no connection can take it (every one busy, the maximum open): then only a
    /// connection's event or the worker's deadline scan can change anything, so waking earlier would spin.
    /// </summary>
    public long NextWake => _nextIntended < _worker.Plan.MeasureEnd && CanTake ? _nextIntended : long.MaxValue;

    public bool AllDone => false;

    public bool Drains => true;

    /// <summary>Arrivals intended before the window's end not sent yet (read once the window is over).</summary>
    public bool Backlogged => _nextIntended < _worker.Plan.MeasureEnd;

    private bool CanTake => _idle.Count > 0 || _free.Count > 0 || _worker.ConnectionCount < _maxConnections;

    public void Start(long now)
    {
        for (int i = 0; i < _preOpen; i++)
        {
            _worker.Open(_worker.AddConnection(), now);
        }
    }

    public void OnTick(long now) => Dispatch(now);

    public void OnTimer(Connection connection, long now)
    {
    }

    public void OnReady(Connection connection, long now) => Release(connection, now);

    public void OnFinished(Connection connection, long now, bool connectFailed) => Release(connection, now);

    /// <summary>The backlog left at the end: each request waited since its intended time; a timeout past the timeout.</summary>
    public void Finish(long now)
    {
        var plan = _worker.Plan;
        for (long intended = _nextIntended; intended <= now && intended < plan.MeasureEnd; intended = IntendedTime(_nextIndex += plan.Workers))
        {
            if (intended < plan.MeasureStart)
            {
                continue;
            }

            Unsent++;
            long waited = now - intended;
            if (waited >= plan.TimeoutTicks)
            {
                _worker.Recorder.RecordError(Math.Min(now, plan.MeasureEnd - 1), ErrorKind.RequestTimeout, waited);
            }
            else
            {
                _worker.Recorder.InFlight++;
            }
        }
    }

    private void Release(Connection connection, long now)
    {
        (connection.Fd >= 0 ? _idle : _free).Push(connection);
        Dispatch(now);
    }

    private void Dispatch(long now)
    {
        // A connect that fails at once reports back into Release → Dispatch; the outer loop carries on instead.
        if (_dispatching)
        {
            return;
        }

        _dispatching = true;
        var plan = _worker.Plan;
        // Arrivals stop at the window's end; those intended before it are still sent while the worker drains.
        while (_nextIntended <= now && _nextIntended < plan.MeasureEnd && TryTake(out var connection))
        {
            long intended = _nextIntended;
            _nextIndex += plan.Workers;
            _nextIntended = IntendedTime(_nextIndex);
            if (plan.InWindow(intended))
            {
                Sent++;
                Late += now - intended > plan.LateTicks ? 1 : 0;
            }

            _worker.StartRequest(connection, intended, now, startsAtSend: false);
        }

        _dispatching = false;
    }

    private bool TryTake([NotNullWhen(true)] out Connection? connection)
    {
        // Prefer a connection that is already open; a parked one the server has closed since reconnects by itself.
        if (_idle.TryPop(out connection) || _free.TryPop(out connection))
        {
            return true;
        }

        connection = _worker.ConnectionCount < _maxConnections ? _worker.AddConnection() : null;
        return connection is not null;
    }

    private long IntendedTime(long index)
    {
        double seconds = _schedule.TimeOf(index);
        return double.IsPositiveInfinity(seconds) ? long.MaxValue : _worker.Plan.Start + (long)(seconds * RunPlan.TicksPerSecond);
    }
}

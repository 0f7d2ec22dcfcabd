using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bench.Load.Measurement;
using Bench.Load.Platform;

namespace Bench.Load.Engine;

/// <summary>
/// One event loop on one thread (pinned to one core when asked), owning its connections, timers and recorder.
/// Nothing is shared with other workers while the run goes, so the hot path has no locks and allocates nothing.
/// The model decides when requests start; <see cref="ConnectionIo"/> moves the bytes; the worker records outcomes.
/// </summary>
internal sealed class Worker : IConnectionEvents, IDisposable
{
    // Timeouts are found by a scan every 10 ms: cheap for thousands of connections, precise enough for timeouts,
    // and it bounds every wait, so a stop request is seen within 10 ms.
    private static readonly long ScanInterval = RunPlan.Ticks(TimeSpan.FromMilliseconds(10));

    private readonly Epoll _epoll = new(1024);
    private readonly ConnectionIo _io;
    private readonly List<Connection> _connections = [];
    private readonly PriorityQueue<Connection, long> _timers = new();
    private IWorkerModel? _model;

    public Worker(RunPlan plan, int index)
    {
        Plan = plan;
        Index = index;
        Recorder = new WorkerRecorder(plan.MeasureStart, plan.MeasureEnd, RunPlan.TicksPerSecond, plan.IsExpectedStatus);
        DrainEnd = plan.MeasureEnd + Math.Max(plan.TimeoutTicks, plan.ConnectTimeoutTicks);
        _io = new ConnectionIo(new ConnectionSettings(plan.TimeoutTicks, plan.ConnectTimeoutTicks, plan.Options.ClosePerRequest), _epoll, this);
    }

    public int Index { get; }

    public RunPlan Plan { get; }

    public WorkerRecorder Recorder { get; }

    public int ConnectionCount => _connections.Count;

    public int PeakSockets => _io.PeakSockets;

    public StopReason Reason { get; private set; }

    public WindowMeter Window { get; } = new();

    /// <summary>The connections (closed model: the users) with the responses each received in the window.</summary>
    public IReadOnlyList<Connection> Connections => _connections;

    /// <summary>
    /// The latest a draining model (open) waits after the window for the answers to requests intended inside it: one
    /// timeout, so each is measured or is a timeout, never dropped as "in flight".
    /// </summary>
    private long DrainEnd { get; }

    /// <summary>
    /// The model awaits, after the window, the requests intended inside it. Not tied to the window's closing: an answer
    /// can land past the window's end in the loop turn before the worker marks the window closed.
    /// </summary>
    private bool Draining => _model!.Drains;

    public void Attach(IWorkerModel model) => _model = model;

    public Connection AddConnection()
    {
        var connection = new Connection(_connections.Count, Plan.ExpectedBody) { Address = Plan.Address, Request = Plan.Request, BodyAllowed = Plan.BodyAllowed };
        if (Plan.Varies)
        {
            connection.Request = Plan.RequestOf(out connection.RequestFields);
        }

        _connections.Add(connection);
        return connection;
    }

    /// <summary>The connection waits (think time, ramp-up, back-off); the model hears of it again at <paramref name="at"/>.</summary>
    public void Schedule(Connection connection, long at)
    {
        connection.State = ConnectionState.Thinking;
        _timers.Enqueue(connection, at);
    }

    /// <summary>
    /// Starts a request whose latency counts from <paramref name="requestStart"/> — or, with
    /// <paramref name="startsAtSend"/> on an open connection, from the moment it is written. Connects first when
    /// needed; then the latency includes the connect.
    /// </summary>
    public void StartRequest(Connection connection, long requestStart, long now, bool startsAtSend)
    {
        connection.HasRequest = true;
        connection.RequestStart = requestStart;
        if (connection.RequestFields.Length > 0)
        {
            connection.NumberNextRequest(); // once per request: a reconnect for it re-sends the same bytes
        }

        // Closed model: every outcome that lands in the window counts, whenever its request was sent — a connection
        // starved since the warm-up (a sync server that never reads it) must show as timeouts, not vanish.
        // Open model: a request belongs to the window its intended send time falls in (wrk2).
        connection.Measured = Plan.Options.Model == LoadModel.Closed || Plan.InWindow(requestStart);
        connection.StartsAtSend = startsAtSend && connection.Fd >= 0;
        if (connection.Fd >= 0)
        {
            _io.Send(connection);
        }
        else
        {
            _io.Connect(connection, now);
        }
    }

    /// <summary>Opens a connection with no request on it yet (the open model's pre-opened connections).</summary>
    public void Open(Connection connection, long now)
    {
        connection.HasRequest = false;
        _io.Connect(connection, now);
    }

    public void Close(Connection connection) => _io.Close(connection);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        if (Plan.Cpus.Count > 0)
        {
            CpuPlacement.PinCurrentThread(Plan.Cpus[Index % Plan.Cpus.Count]);
        }

        CpuPlacement.PreciseTimers();
        var model = _model ?? throw new InvalidOperationException("no model attached");
        long now = Stopwatch.GetTimestamp();
        long nextScan = now + ScanInterval;
        model.Start(now);
        while (true)
        {
            now = Stopwatch.GetTimestamp();
            if (!Window.IsOpen && now >= Plan.MeasureStart)
            {
                Window.Open(now, sampleProcess: Index == 0);
            }

            if (now >= Plan.MeasureEnd && !Window.IsClosed)
            {
                Window.Close(Plan.MeasureEnd, sampleProcess: Index == 0);
            }

            if (Plan.Stop.Requested || model.AllDone || (now >= Plan.MeasureEnd && !(Draining && now < DrainEnd && AwaitsMeasured())))
            {
                Reason = Plan.Stop.Requested ? StopReason.Cancelled : now >= Plan.MeasureEnd ? StopReason.DurationElapsed : StopReason.IterationsDone;
                break;
            }

            while (_timers.TryPeek(out var due, out long at) && at <= now)
            {
                _timers.Dequeue();
                model.OnTimer(due, now);
            }

            model.OnTick(now);
            _io.FlushSends();
            if (now >= nextScan)
            {
                ScanDeadlines(now);
                nextScan = now + ScanInterval;
            }

            long edge = !Window.IsOpen ? Plan.MeasureStart : !Window.IsClosed ? Plan.MeasureEnd : DrainEnd;
            long wake = Math.Min(nextScan, Math.Min(model.NextWake, edge));
            if (_timers.TryPeek(out _, out long timer))
            {
                wake = Math.Min(wake, timer);
            }

            int ready = _epoll.Wait(Math.Max(0, wake - Stopwatch.GetTimestamp()) * 1_000_000_000 / RunPlan.TicksPerSecond);
            for (int i = 0; i < ready; i++)
            {
                ulong data = _epoll.DataAt(i);
                int slot = (int)(uint)data;
                // Drop events for a socket this slot has closed since (the generation is in the high half).
                if (slot < _connections.Count && _connections[slot] is { Fd: >= 0 } c && c.Generation == (uint)(data >> 32))
                {
                    _io.OnEvent(c, _epoll.EventsAt(i));
                }
            }

            _io.FlushSends();
        }

        if (!Window.IsClosed)
        {
            Window.Close(Math.Min(now, Plan.MeasureEnd), sampleProcess: Index == 0);
        }

        Finish(now);
    }

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            _io.Close(connection);
        }

        _epoll.Dispose();
    }

    void IConnectionEvents.Connected(Connection connection, long now)
    {
        if (connection.HasRequest)
        {
            _io.Send(connection);
            return;
        }

        connection.State = ConnectionState.Idle;
        _model!.OnReady(connection, now);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IConnectionEvents.Completed(Connection connection, long now)
    {
        var parser = connection.Parser;
        if (connection.Measured && now >= Plan.MeasureStart)
        {
            // After the window only a draining model (open) still records: its requests belong to the window they
            // were intended in. In the closed model a response after the window is in flight, like every other.
            if (now < Plan.MeasureEnd || Draining)
            {
                Recorder.RecordResponse(now, now - connection.RequestStart, parser.StatusCode, parser.BodyMatches, parser.CacheStatus);
                connection.WindowResponses++;
            }
            else
            {
                Recorder.InFlight++;
            }
        }

        connection.HasRequest = false;
        connection.State = ConnectionState.Idle;
        if (!parser.KeepAlive || Plan.Options.ClosePerRequest || connection.PeerClosed)
        {
            _io.Close(connection);
        }

        _model!.OnFinished(connection, now, connectFailed: false);
    }

    void IConnectionEvents.Failed(Connection connection, ErrorKind kind, long now)
    {
        if (connection.HasRequest && connection.Measured && now >= Plan.MeasureStart)
        {
            if (now < Plan.MeasureEnd || Draining)
            {
                Recorder.RecordError(now, kind, now - connection.RequestStart);
            }
            else
            {
                Recorder.InFlight++;
            }
        }

        connection.HasRequest = false;
        connection.State = ConnectionState.Closed;
        _model!.OnFinished(connection, now, connectFailed: kind is ErrorKind.ConnectRefused or ErrorKind.ConnectTimeout or ErrorKind.ConnectError);
    }

    /// <summary>A request intended in the window is still unanswered (sent, or waiting for a connection).</summary>
    private bool AwaitsMeasured()
    {
        foreach (var c in _connections)
        {
            if (c.HasRequest && c.Measured)
            {
                return true;
            }
        }

        return _model!.Backlogged;
    }

    private void ScanDeadlines(long now)
    {
        for (int i = 0; i < _connections.Count; i++)
        {
            var c = _connections[i];
            if (c.State is ConnectionState.Connecting or ConnectionState.Sending or ConnectionState.Awaiting && now >= c.Deadline)
            {
                var kind = c.State == ConnectionState.Connecting ? ErrorKind.ConnectTimeout : ErrorKind.RequestTimeout;
                _io.Close(c);
                ((IConnectionEvents)this).Failed(c, kind, now);
            }
        }
    }

    /// <summary>The run is over: what is still unanswered is a timeout if it waited longer than the timeout, else in flight.</summary>
    private void Finish(long now)
    {
        long at = Math.Min(now, Plan.MeasureEnd - 1);
        foreach (var c in _connections)
        {
            // A request started after the window closed (its predecessor's late response was already counted) is not one.
            if (c.HasRequest && c.Measured && c.RequestStart < Plan.MeasureEnd)
            {
                bool connecting = c.State == ConnectionState.Connecting;
                long waited = now - c.RequestStart;
                if (waited >= (connecting ? Plan.ConnectTimeoutTicks : Plan.TimeoutTicks))
                {
                    Recorder.RecordError(at, connecting ? ErrorKind.ConnectTimeout : ErrorKind.RequestTimeout, waited);
                }
                else
                {
                    Recorder.InFlight++;
                }
            }

            c.HasRequest = false;
            _io.Close(c);
        }

        _model!.Finish(now);
    }
}

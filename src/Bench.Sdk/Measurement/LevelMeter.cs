using System.Collections.Concurrent;
using Bench.Sdk.Running;
using Bench.Load;

namespace Bench.Sdk.Measurement;

/// <summary>
/// Everything one level (one simulation) measures: the scenario's iterations and each step apart, the open model's
/// schedule (due, started, late), the closed model's iterations per copy, and the generator's CPU.
/// Which iterations count: open — those due inside the window, whenever they end before the cut (latency from when
/// they were due); closed — those that end inside the window (latency from their start), as the engine counts responses.
/// </summary>
internal sealed class LevelMeter
{
    private readonly ConcurrentDictionary<string, StatsRecorder> _steps = new(StringComparer.Ordinal);
    private long[] _perCopy = [];
    private long _scheduled;
    private long _started;
    private long _late;
    private int _running;
    private int _peakRunning;

    public LevelMeter(bool open, long windowStart, long ticksPerSecond, long lateTicks, long timeoutTicks, DateTimeOffset startedAt)
    {
        Open = open;
        WindowStart = windowStart;
        TicksPerSecond = ticksPerSecond;
        LateTicks = lateTicks;
        TimeoutTicks = timeoutTicks;
        StartedAt = startedAt;
        Scenario = new StatsRecorder(windowStart, ticksPerSecond);
    }

    public bool Open { get; }

    public long WindowStart { get; private set; }

    /// <summary>The window's end; long.MaxValue while it is open.</summary>
    public long WindowEnd { get; private set; } = long.MaxValue;

    public long TicksPerSecond { get; }

    public long LateTicks { get; }

    public long TimeoutTicks { get; }

    public DateTimeOffset StartedAt { get; }

    public StatsRecorder Scenario { get; }

    public GeneratorMeter Generator { get; } = new();

    public IReadOnlyDictionary<string, StatsRecorder> Steps => _steps;

    /// <summary>Closed model: the iterations each copy finished in the window, by copy number (every copy of the phase).</summary>
    public IReadOnlyList<long> PerCopy => _perCopy;

    public long Scheduled => Interlocked.Read(ref _scheduled);

    public long Started => Interlocked.Read(ref _started);

    public long Late => Interlocked.Read(ref _late);

    public int PeakRunning => Volatile.Read(ref _peakRunning);

    /// <summary>True when the run was interrupted before the window's planned end.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Open model: the schedule's mean rate over the window, iterations per second.</summary>
    public double TargetRps { get; set; }

    /// <summary>A copy of a closed phase, before its window opens (a counter per copy: no lock per iteration).</summary>
    public void AddCopy(int instance)
    {
        if (instance >= _perCopy.Length)
        {
            Array.Resize(ref _perCopy, instance + 1);
        }
    }

    public void Schedule() => Interlocked.Increment(ref _scheduled);

    /// <summary>An iteration starts: open — due in the window, it is late when it starts over LateAfter after it was due.</summary>
    public void Start(Iteration iteration, long now)
    {
        int running = Interlocked.Increment(ref _running);
        for (int peak = Volatile.Read(ref _peakRunning); running > peak && Interlocked.CompareExchange(ref _peakRunning, running, peak) != peak; peak = Volatile.Read(ref _peakRunning))
        {
        }

        if (Open && iteration.InWindow)
        {
            Interlocked.Increment(ref _started);
            if (now - iteration.Intended > LateTicks)
            {
                Interlocked.Increment(ref _late);
            }
        }
    }

    /// <summary>The phase starts its timetable (or its copies) now: the window starts here, not when the meter was made.</summary>
    public void OpenWindow(long start)
    {
        WindowStart = start;
        Scenario.OpenWindow(start);
        Generator.Restart();
    }

    public void CloseWindow(long end)
    {
        WindowEnd = end;
        Scenario.CloseWindow(end);
        foreach (var step in _steps.Values)
        {
            step.CloseWindow(end);
        }
    }

    /// <summary>An iteration ended by itself with <paramref name="error"/> (null: success).</summary>
    public void RecordIteration(Iteration iteration, long end, string? error, long responseBytes)
    {
        Interlocked.Decrement(ref _running);
        long bytes = iteration.RanStep ? iteration.StepBytes : responseBytes;
        if (Open ? !iteration.InWindow : end < WindowStart)
        {
            return;
        }

        if (!Open && end >= WindowEnd)
        {
            Scenario.AddInFlight(); // ended after the window: the engine's "closed model's last requests"
            return;
        }

        long latency = end - (Open ? iteration.Intended : iteration.Started);
        if (error is null)
        {
            Scenario.Success(end, latency, bytes);
        }
        else
        {
            Scenario.Failure(end, latency, error, bytes);
        }

        if (!Open && iteration.Copy.ScenarioInfo.InstanceNumber is var copy && (uint)copy < (uint)_perCopy.Length)
        {
            Interlocked.Increment(ref _perCopy[copy]);
        }
    }

    /// <summary>
    /// An iteration still running (or, open, not yet started) at the cut: a timeout when it waited at least the timeout
    /// since it was due (open) or started (closed), else in flight — as the engine treats unanswered requests.
    /// </summary>
    public void RecordCut(Iteration iteration, long now)
    {
        if (iteration.Started >= 0)
        {
            Interlocked.Decrement(ref _running);
        }

        if (Open ? !iteration.InWindow : iteration.Started < 0)
        {
            return;
        }

        long waited = now - (Open ? iteration.Intended : iteration.Started);
        if (waited >= TimeoutTicks)
        {
            Scenario.Failure(Math.Min(now, WindowEnd - 1), waited, ErrorKinds.RequestTimeout, 0);
        }
        else
        {
            Scenario.AddInFlight();
        }
    }

    /// <summary>A step ended: it counts with its iteration (open) or when it ended in the window (closed); latency is the step's own.</summary>
    public void RecordStep(string step, Iteration iteration, long start, long end, string? error, long bytes)
    {
        if (iteration.IsSettled || (Open ? !iteration.InWindow : end < WindowStart || end >= WindowEnd))
        {
            return;
        }

        var recorder = _steps.GetOrAdd(step, _ => NewStep());
        if (error is null)
        {
            recorder.Success(end, end - start, bytes);
        }
        else
        {
            recorder.Failure(end, end - start, error, bytes);
        }
    }

    /// <summary>Ends the level: nothing recorded after this.</summary>
    public void Seal(long now)
    {
        if (WindowEnd == long.MaxValue)
        {
            CloseWindow(now);
        }

        Generator.Stop();
        Scenario.Seal();
        foreach (var step in _steps.Values)
        {
            step.Seal();
        }
    }

    private StatsRecorder NewStep()
    {
        var recorder = new StatsRecorder(WindowStart, TicksPerSecond);
        if (WindowEnd != long.MaxValue)
        {
            recorder.CloseWindow(WindowEnd);
        }

        return recorder;
    }
}

using System.Collections.Concurrent;

namespace Bench.Sdk.Running;

/// <summary>What every phase of one scenario shares: its settings, clock, log, steps and copies (each copy keeps its number and Data for the whole run).</summary>
internal sealed class ScenarioRuntime
{
    private readonly List<ScenarioContext> _copies = [];
    private readonly ConcurrentStack<ScenarioContext> _idle = new();
    private readonly Lock _lock = new();

    public ScenarioRuntime(ScenarioProps props, string name, TimeProvider time, ILogger log)
    {
        Props = props;
        Name = name;
        Time = time;
        Log = log;
        Steps = new StepNames(name, log);
    }

    public ScenarioProps Props { get; }

    /// <summary>The name results.json records.</summary>
    public string Name { get; }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    public StepNames Steps { get; }

    /// <summary>The catalogue target the sweep drives now (<see cref="ScenarioProps.WithTargets"/>); null without targets.</summary>
    public ScenarioTarget? Target { get; set; }

    public long TicksPerSecond => Time.TimestampFrequency;

    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Time.TimestampFrequency);

    /// <summary>
    /// A wait of <paramref name="timestampTicks"/> rounded up to whole milliseconds, at least one: Task.Delay with a
    /// TimeProvider counts in whole milliseconds, and a wait rounded down to zero completes at once — the waiting loop
    /// would spin (burning the generator's CPU, and never letting a fake clock's test move on).
    /// </summary>
    public TimeSpan Wait(long timestampTicks) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(timestampTicks * 1000.0 / Time.TimestampFrequency)));

    /// <summary>Copy <paramref name="index"/> (closed model), created when first needed.</summary>
    public ScenarioContext Copy(int index)
    {
        lock (_lock)
        {
            while (_copies.Count <= index)
            {
                _copies.Add(new ScenarioContext(new ScenarioInfo(Name, _copies.Count), Log, Time, Steps));
            }

            return _copies[index];
        }
    }

    /// <summary>An idle copy for an open-model iteration (a new one when all are busy); give it back with <see cref="Return"/>.</summary>
    public ScenarioContext Rent()
    {
        if (_idle.TryPop(out var copy))
        {
            return copy;
        }

        lock (_lock)
        {
            return Copy(_copies.Count);
        }
    }

    public void Return(ScenarioContext copy) => _idle.Push(copy);

    /// <summary>
    /// At a phase's end: every copy's kept-alive connection (<see cref="Http.Send"/>'s) is closed, so the next level
    /// starts with fresh ones, as a level of <c>bench run</c> does, and a sweep's check finds the target free.
    /// </summary>
    public Task CloseConnectionsAsync() => Task.WhenAll(Copies().Select(c => c.CloseConnectionsAsync()));

    /// <summary>Every copy made so far (a snapshot).</summary>
    public ScenarioContext[] Copies()
    {
        lock (_lock)
        {
            return [.. _copies];
        }
    }
}

using Bench.Load.Platform;

namespace Bench.Launch.Sampling;

/// <summary>
/// Reads /proc/stat and Bench's own CPU when the window opens and when it closes, and turns the two readings into the
/// level's <see cref="Interference"/> on the measured cores. What the readings cost is counted apart (<see cref="OwnCpu"/>).
/// </summary>
public sealed class InterferenceMeter
{
    private readonly IReadOnlyList<int>? _cpus;
    private readonly ProcFs _procFs;
    private readonly Func<TimeSpan> _benchCpu;
    private IReadOnlyDictionary<int, CpuTimes>? _first;
    private TimeSpan _benchAtOpen;

    /// <param name="cpus">The cores to look at; null for every core (an unpinned target or generator may run anywhere).</param>
    /// <param name="benchCpu">Bench's own CPU so far (the whole process: generator, sampler, runtime); a parameter for tests.</param>
    public InterferenceMeter(IReadOnlyList<int>? cpus, ProcFs? procFs = null, Func<TimeSpan>? benchCpu = null)
    {
        _cpus = cpus;
        _procFs = procFs ?? ProcFs.System;
        _benchCpu = benchCpu ?? CpuTime.Process;
    }

    public TimeSpan OwnCpu { get; private set; }

    public void Open()
    {
        _first = Read();
        _benchAtOpen = _benchCpu();
    }

    /// <summary>The window's interference, given what the target spent in it; null when it never opened or /proc/stat was unreadable.</summary>
    public Interference? Close(double targetCpuSeconds)
    {
        var last = Read();
        double bench = (_benchCpu() - _benchAtOpen).TotalSeconds;
        if (_first is not { Count: > 0 } first || last is not { Count: > 0 })
        {
            return null;
        }

        var cpus = _cpus ?? first.Keys.Order().ToArray();
        return Interference.Between(first, last, cpus, targetCpuSeconds, bench, ClockTicks.PerSecond);
    }

    private IReadOnlyDictionary<int, CpuTimes>? Read()
    {
        var before = CpuTime.CurrentThread();
        var text = _procFs.CpuStat();
        var cpus = text is null ? null : CpuTimes.Parse(text);
        OwnCpu += CpuTime.CurrentThread() - before;
        return cpus;
    }
}

using System.Diagnostics;

namespace Bench.Targets.Sampling;

/// <summary>
/// CPU time of this process (the load generator) over a window, to tell whether the generator's own cores
/// were saturated: then the numbers measure the generator, not the target.
/// </summary>
public sealed class ProcessCpuMeter
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _cpuAtStart;
    private readonly long _startedAt;

    private ProcessCpuMeter(TimeProvider time)
    {
        _time = time;
        _cpuAtStart = CpuNow();
        _startedAt = time.GetTimestamp();
    }

    public static ProcessCpuMeter StartCurrent(TimeProvider? timeProvider = null) => new(timeProvider ?? TimeProvider.System);

    /// <summary>CPU used and wall time elapsed since the start; the meter keeps running.</summary>
    public CpuMeasurement Read() => new((CpuNow() - _cpuAtStart).TotalSeconds, _time.GetElapsedTime(_startedAt));

    private static TimeSpan CpuNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

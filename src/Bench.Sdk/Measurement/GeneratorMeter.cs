using System.Diagnostics;
using Bench.Load.Platform;

namespace Bench.Sdk.Measurement;

/// <summary>
/// The generator's own CPU over a window: this process's CPU time against the wall clock and the cores it may use.
/// Over <see cref="SaturationThreshold"/> busy, the numbers may describe the generator, not the system under test —
/// the engine's rule (<c>generator.saturated</c>). Real time, not the run's TimeProvider: CPU is spent in real time.
/// </summary>
internal sealed class GeneratorMeter
{
    /// <summary>The engine's threshold (ResultBuilder): a generator over 90 % busy is saturated.</summary>
    public const double SaturationThreshold = Load.Engine.ResultBuilder.SaturationThreshold;

    private TimeSpan _cpuAtStart = CpuTime.Process();
    private long _wallAtStart = Stopwatch.GetTimestamp();

    public double CpuSeconds { get; private set; }

    public double Utilisation { get; private set; }

    public bool Saturated => Utilisation > SaturationThreshold;

    /// <summary>
    /// Starts again from now: the window opens after the level's meters are made (HDR histograms, worth milliseconds),
    /// and, as <c>bench load</c>'s, the generator's CPU is the window's, not its setup's.
    /// </summary>
    public void Restart()
    {
        _cpuAtStart = CpuTime.Process();
        _wallAtStart = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        CpuSeconds = Math.Max(0, (CpuTime.Process() - _cpuAtStart).TotalSeconds);
        double wall = Stopwatch.GetElapsedTime(_wallAtStart).TotalSeconds;
        Utilisation = wall > 0.001 ? CpuSeconds / (wall * Environment.ProcessorCount) : 0;
    }
}

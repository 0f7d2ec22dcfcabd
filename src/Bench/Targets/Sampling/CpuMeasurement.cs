namespace Bench.Targets.Sampling;

/// <summary>CPU seconds a process used during a wall-clock window.</summary>
public sealed record CpuMeasurement(double CpuSeconds, TimeSpan Wall)
{
    /// <summary>Share of a fully busy core: 1.0 is one core, 2.0 two.</summary>
    public double CoresUsed => Wall > TimeSpan.Zero ? CpuSeconds / Wall.TotalSeconds : 0;

    /// <summary>
    /// True when the process kept <paramref name="cores"/> cores busier than <paramref name="threshold"/> of the
    /// time: a generator that close to its limit cannot be trusted to have offered the load it was asked for.
    /// </summary>
    public bool IsSaturated(int cores, double threshold = 0.9) => CoresUsed >= cores * threshold;
}

namespace Bench.Gates.Syntax;

/// <summary>What a gate measures; <see cref="GateMetrics"/> names each one and says which direction is better.</summary>
public enum GateMetric
{
    Throughput,
    Mean,
    P50,
    P90,
    P99,
    P999,
    Max,
    ErrorRate,
    CpuMsPerRequest,
    PeakRss,
}

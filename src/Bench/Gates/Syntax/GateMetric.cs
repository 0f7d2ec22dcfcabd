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

    /// <summary>Closed model: the share of the level's connections that received no response in the window.</summary>
    StarvedConnections,

    /// <summary>Closed model: Jain's fairness index over the responses each connection received (1 = even).</summary>
    Fairness,

    /// <summary>A simul's measured total over its prediction (1 = as predicted); none in other scenarios.</summary>
    VsPrediction,
}

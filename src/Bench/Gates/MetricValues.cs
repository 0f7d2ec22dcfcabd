using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates;

/// <summary>A gate metric read from one level of results.json, in the unit results.json keeps.</summary>
public static class MetricValues
{
    /// <summary>
    /// The metric's value, or null when the level does not have one: no latency and no CPU per request without a
    /// successful response, no starved connections or fairness in the open model (nor fairness when nothing was answered).
    /// </summary>
    public static double? Of(GateMetric metric, LevelResult level) => metric switch
    {
        GateMetric.Throughput => level.ThroughputRps,
        GateMetric.Mean => level.LatencyMs?.Mean,
        GateMetric.P50 => level.LatencyMs?.P50,
        GateMetric.P90 => level.LatencyMs?.P90,
        GateMetric.P99 => level.LatencyMs?.P99,
        GateMetric.P999 => level.LatencyMs?.P999,
        GateMetric.Max => level.LatencyMs?.Max,
        GateMetric.ErrorRate => ErrorRate(level),
        GateMetric.CpuMsPerRequest => level.Resources.CpuMsPerRequest,
        GateMetric.PeakRss => level.Resources.PeakRssBytes,
        GateMetric.StarvedConnections => level.StarvedConnections is { } starved && level.Level > 0 ? (double)starved / level.Level : null,
        GateMetric.Fairness => level.Fairness,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Errors over every request that ended in the window (<c>requests</c> counts the successes only); 0 when none ended.</summary>
    public static double ErrorRate(LevelResult level)
    {
        long ended = level.Requests + level.ErrorCount;
        return ended == 0 ? 0 : (double)level.ErrorCount / ended;
    }
}

using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates;

/// <summary>
/// A gate metric read from one level of results.json, in the unit results.json keeps; null when the level has no
/// such value (<see cref="Absence"/> says why), which no gate may read as a number: an empty histogram is not 0 ms.
/// </summary>
public static class MetricValues
{
    public static double? Of(GateMetric metric, LevelResult level) => metric switch
    {
        GateMetric.Throughput => level.ThroughputRps,
        GateMetric.Mean => Latency(level)?.Mean,
        GateMetric.P50 => Latency(level)?.P50,
        GateMetric.P90 => Latency(level)?.P90,
        GateMetric.P99 => Latency(level)?.P99,
        GateMetric.P999 => Latency(level)?.P999,
        GateMetric.Max => Latency(level)?.Max,
        GateMetric.ErrorRate => level.Requests + level.ErrorCount == 0 ? null : ErrorRate(level),
        GateMetric.CpuMsPerRequest => level.Requests == 0 ? null : level.Resources.CpuMsPerRequest,
        GateMetric.PeakRss => level.Resources.PeakRssBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Why a level can have no value of <paramref name="metric"/>.</summary>
    public static string Absence(GateMetric metric) => metric switch
    {
        GateMetric.ErrorRate => "no request ended in the window",
        GateMetric.Throughput or GateMetric.PeakRss => "not recorded",
        _ => "no successful response",
    };

    /// <summary>Errors over every request that ended in the window (<c>requests</c> counts the successes only); 0 when none ended.</summary>
    public static double ErrorRate(LevelResult level)
    {
        long ended = level.Requests + level.ErrorCount;
        return ended == 0 ? 0 : (double)level.ErrorCount / ended;
    }

    // The successes' percentiles; none without a success (the lead's nullable LatencyMs will say so itself).
    private static LatencySummary? Latency(LevelResult level) => level.Requests == 0 ? null : level.LatencyMs;
}

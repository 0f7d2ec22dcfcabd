using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates;

/// <summary>
/// A gate metric read from one level of results.json, in the unit results.json keeps; null when the level has no
/// such value (<see cref="Absence"/> says why), which no gate may read as a number: an empty histogram is not 0 ms.
/// </summary>
public static class MetricValues
{
    /// <summary>
    /// The metric's value, or null when the level does not have one: no latency and no CPU per request without a
    /// successful response, no error rate when no request ended, no starved connections or fairness in the open
    /// model (nor fairness when nothing was answered).
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
        GateMetric.ErrorRate => Repeats.ErrorRate([level]),
        GateMetric.CpuMsPerRequest => level.Resources.CpuMsPerRequest,
        GateMetric.PeakRss => level.Resources.PeakRssBytes,
        GateMetric.StarvedConnections => level.StarvedConnections is { } starved && level.Level > 0 ? (double)starved / level.Level : null,
        GateMetric.Fairness => level.Fairness,
        GateMetric.VsPrediction => level.PredictedSeconds is > 0 and { } predicted && level.DurationSeconds > 0 ? level.DurationSeconds / predicted : null,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>Why a level can have no value of <paramref name="metric"/>.</summary>
    public static string Absence(GateMetric metric) => metric switch
    {
        GateMetric.ErrorRate => "no request ended in the window",
        GateMetric.StarvedConnections => "not counted (open model)",
        GateMetric.Fairness => "none without a completed request, nor in the open model",
        GateMetric.Throughput or GateMetric.PeakRss => "not recorded",
        GateMetric.VsPrediction => "no prediction (only a simul scenario has one) or nothing measured",
        _ => "no successful response",
    };
}

using Bench.Gates.Syntax;

namespace Bench.Gates.Compare;

/// <summary>
/// One metric of one target × level in both runs: each side's statistics over its counted repeats (null where a side
/// has no such value, e.g. a p99 without a success), the change of B against A as a fraction of A (positive: B
/// higher), the noise that could explain it, and what it amounts to.
/// </summary>
public sealed record ComparisonRow(
    string Scenario,
    string Target,
    int Level,
    GateMetric Metric,
    MetricStats? A,
    MetricStats? B,
    double? Change,
    NoiseEstimate? Noise,
    ChangeVerdict Verdict,
    string? Note);

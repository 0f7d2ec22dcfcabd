using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates;

/// <summary>
/// One target at one level of a scenario: its repeats, and every reason its numbers cannot be trusted
/// (the target failed verification, it was never measured, a repeat is invalid). Numbers come from the
/// valid repeats, or from all of them when none is valid (shown, never passed).
/// </summary>
public sealed record MeasuredCell(string Target, int Level, IReadOnlyList<LevelResult> Repeats, IReadOnlyList<string> Problems)
{
    public bool IsMeasured => Repeats.Count > 0;

    public bool IsValid => Problems.Count == 0;

    public IReadOnlyList<LevelResult> Counted => Repeats.Any(r => r.Valid) ? Repeats.Where(r => r.Valid).ToArray() : Repeats;

    /// <summary>The median over the counted repeats, as summary.md shows it; null when a counted repeat has no value (<see cref="Absence"/>).</summary>
    public double? Median(GateMetric metric) => Values(metric) is { } values ? MetricStats.Median(values) : null;

    /// <summary>Mean, spread and count over the counted repeats; null when a counted repeat has no value.</summary>
    public MetricStats? Stats(GateMetric metric) => Values(metric) is { } values ? MetricStats.From(values) : null;

    /// <summary>
    /// Why the cell has no <paramref name="metric"/>: "async@64 has no p99: no successful response (repeat 2)". A
    /// repeat without one is not skipped: the median of the others would hide the worst repeat.
    /// </summary>
    public string? Absence(GateMetric metric)
    {
        var missing = Counted.Where(r => MetricValues.Of(metric, r) is null).Select(r => r.Repeat).ToArray();
        return !IsMeasured || missing.Length == 0 ? null
            : $"{this} has no {GateMetrics.Name(metric)}: {MetricValues.Absence(metric)}"
                + (Counted.Count > 1 ? $" (repeat{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)})" : "");
    }

    public override string ToString() => $"{Target}@{Level}";

    private double[]? Values(GateMetric metric)
    {
        var values = Counted.Select(r => MetricValues.Of(metric, r)).ToArray();
        return values.Length == 0 || values.Any(v => v is null) ? null : values.Select(v => v!.Value).ToArray();
    }
}

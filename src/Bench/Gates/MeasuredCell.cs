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

    /// <summary>The median over the counted repeats, as summary.md shows it.</summary>
    public double Median(GateMetric metric) => MetricStats.Median(Counted.Select(r => MetricValues.Of(metric, r) ?? double.NaN));

    public MetricStats Stats(GateMetric metric) => MetricStats.From(Counted.Select(r => MetricValues.Of(metric, r) ?? double.NaN).ToArray());

    public override string ToString() => $"{Target}@{Level}";
}

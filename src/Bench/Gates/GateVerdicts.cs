using Bench.Gates.Baselines;
using Bench.Gates.Syntax;

namespace Bench.Gates;

/// <summary>The arithmetic of each kind of gate on measured cells (docs/gates.md, "How gates are checked").</summary>
public static class GateVerdicts
{
    /// <summary>What a gate asks for, shown even where nothing was measured.</summary>
    public static string Expected(GateExpression gate) => gate switch
    {
        AbsoluteGate a => $"{a.Comparison} {MetricFormat.Value(a.Measured.Metric, a.Threshold)}",
        RatioGate r => $"{r.Comparison} {MetricFormat.Number(r.Threshold)}",
        RegressionGate g => $"{g.Comparison} {g.ToleranceText} worse than the baseline",
        _ => gate.ToString()!,
    };

    /// <summary>The median of the counted repeats against the threshold.</summary>
    public static GateVerdict Absolute(AbsoluteGate gate, MeasuredCell cell)
    {
        var metric = gate.Measured.Metric;
        double value = cell.Median(metric);
        double headroom = gate.Comparison.Headroom(value, gate.Threshold);
        return new GateVerdict(
            Expected(gate),
            MetricFormat.Value(metric, value) + Repeats(cell),
            Signed(MetricFormat.Value(metric, headroom), headroom) + Relative(headroom, gate.Threshold),
            gate.Comparison.Holds(value, gate.Threshold));
    }

    /// <summary>The ratio of the two medians; n/0 is infinite, 0/0 fails (there is nothing to compare).</summary>
    public static GateVerdict Ratio(RatioGate gate, MeasuredCell numerator, MeasuredCell denominator)
    {
        double a = numerator.Median(gate.Numerator.Metric);
        double b = denominator.Median(gate.Denominator.Metric);
        double ratio = b != 0 ? a / b : a == 0 ? double.NaN : double.PositiveInfinity;
        double headroom = gate.Comparison.Headroom(ratio, gate.Threshold);
        bool passed = !double.IsNaN(ratio) && gate.Comparison.Holds(ratio, gate.Threshold);
        return new GateVerdict(
            Expected(gate),
            $"{MetricFormat.Number(ratio)} ({MetricFormat.Value(gate.Numerator.Metric, a)} / {MetricFormat.Value(gate.Denominator.Metric, b)})",
            double.IsNaN(ratio) ? "n/a" : Signed(MetricFormat.Number(headroom), headroom) + Relative(headroom, gate.Threshold),
            passed,
            double.IsNaN(ratio) ? "both sides are 0" : null);
    }

    /// <summary>
    /// The change of the mean against the baseline's, as a fraction of the baseline (positive: worse). It fails only
    /// when worse than the tolerance AND than the noise (<see cref="NoiseModel"/>).
    /// </summary>
    public static GateVerdict Regression(RegressionGate gate, MeasuredCell cell, MetricStats baseline, NoiseModel noiseModel)
    {
        var metric = gate.Measured.Metric;
        var current = cell.Stats(metric);
        double change = Worsening(metric, baseline.Mean, current.Mean);
        var noise = noiseModel.Estimate(baseline, current);
        bool withinTolerance = gate.Comparison.Holds(change, gate.Tolerance);
        bool withinNoise = change <= noise.Relative;
        double limit = Math.Max(gate.Tolerance, noise.Relative);
        string basis = $"noise ±{MetricFormat.Number(noise.Relative * 100)}%: {noise.Basis}";
        return new GateVerdict(
            $"{gate.Comparison} {gate.ToleranceText} worse than {Stats(metric, baseline)}",
            $"{Stats(metric, current)}: {Change(change)}",
            Signed(MetricFormat.Number((limit - change) * 100) + "%", limit - change),
            withinTolerance || withinNoise,
            !withinTolerance && withinNoise ? $"worse than the tolerance, but within the noise ({basis})" : basis);
    }

    /// <summary>How much worse <paramref name="current"/> is than <paramref name="reference"/>, as a fraction of it (negative: better).</summary>
    public static double Worsening(GateMetric metric, double reference, double current)
    {
        double worse = GateMetrics.HigherIsBetter(metric) ? reference - current : current - reference;
        return reference != 0 ? worse / Math.Abs(reference) : worse == 0 ? 0 : worse > 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    private static string Stats(GateMetric metric, MetricStats stats) =>
        (stats.N > 1 ? MetricFormat.WithSpread(metric, stats.Mean, stats.Stdev) : MetricFormat.Value(metric, stats.Mean)) + $" (n={stats.N})";

    private static string Change(double change) =>
        change > 0 ? $"{MetricFormat.Number(change * 100)}% worse" : change < 0 ? $"{MetricFormat.Number(-change * 100)}% better" : "unchanged";

    private static string Repeats(MeasuredCell cell) => cell.Counted.Count > 1 ? $" (median of {cell.Counted.Count})" : "";

    private static string Signed(string text, double value) => value >= 0 && !text.StartsWith('+') ? "+" + text : text;

    private static string Relative(double headroom, double threshold) =>
        threshold != 0 && !double.IsInfinity(headroom) ? $" ({MetricFormat.Percent(headroom / Math.Abs(threshold))})" : "";
}

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

    /// <summary>The median of the counted repeats against the threshold; none when a repeat has no such value.</summary>
    public static GateVerdict Absolute(AbsoluteGate gate, MeasuredCell cell)
    {
        var metric = gate.Measured.Metric;
        if (cell.Median(metric) is not { } value)
        {
            return GateVerdict.None(Expected(gate), cell.Absence(metric)!);
        }

        double headroom = gate.Comparison.Headroom(value, gate.Threshold);
        return new GateVerdict(
            Expected(gate),
            MetricFormat.Value(metric, value) + Repeats(cell),
            Signed(MetricFormat.Value(metric, headroom), headroom) + Relative(headroom, gate.Threshold),
            gate.Comparison.Holds(value, gate.Threshold));
    }

    /// <summary>The ratio of the two medians; none over a denominator of 0 (a starved target leaves nothing to divide by).</summary>
    public static GateVerdict Ratio(RatioGate gate, MeasuredCell numerator, MeasuredCell denominator)
    {
        if (numerator.Median(gate.Numerator.Metric) is not { } a)
        {
            return GateVerdict.None(Expected(gate), numerator.Absence(gate.Numerator.Metric)!);
        }

        if (denominator.Median(gate.Denominator.Metric) is not { } b)
        {
            return GateVerdict.None(Expected(gate), denominator.Absence(gate.Denominator.Metric)!);
        }

        string measured = $"({MetricFormat.Value(gate.Numerator.Metric, a)} / {MetricFormat.Value(gate.Denominator.Metric, b)})";
        if (b == 0)
        {
            return GateVerdict.None(Expected(gate), $"the ratio has no value: {gate.Denominator} is 0") with { Measured = "none " + measured };
        }

        double ratio = a / b;
        double headroom = gate.Comparison.Headroom(ratio, gate.Threshold);
        return new GateVerdict(
            Expected(gate),
            $"{MetricFormat.Number(ratio)} {measured}",
            Signed(MetricFormat.Number(headroom), headroom) + Relative(headroom, gate.Threshold),
            gate.Comparison.Holds(ratio, gate.Threshold));
    }

    /// <summary>
    /// The change of the mean against the baseline's, as a fraction of the baseline (positive: worse). It fails only
    /// when worse than the tolerance AND than the noise (<see cref="NoiseModel"/>). Against a baseline of 0 no
    /// fraction means anything: any worsening beyond the noise floor fails.
    /// </summary>
    public static GateVerdict Regression(RegressionGate gate, MeasuredCell cell, MetricStats? baseline, NoiseModel noiseModel)
    {
        var metric = gate.Measured.Metric;
        if (baseline is null)
        {
            return GateVerdict.None($"{gate.Comparison} {gate.ToleranceText} worse than the baseline", $"the baseline has no {GateMetrics.Name(metric)} for {cell}: {MetricValues.Absence(metric)} when it was made");
        }

        string expected = $"{gate.Comparison} {gate.ToleranceText} worse than {Stats(metric, baseline)}";
        if (cell.Stats(metric) is not { } current)
        {
            return GateVerdict.None(expected, cell.Absence(metric)!);
        }

        double worse = WorseBy(metric, baseline.Mean, current.Mean);
        var noise = noiseModel.Estimate(metric, baseline, current);
        bool withinNoise = worse <= noise.Absolute;
        if (baseline.Mean == 0)
        {
            double room = noise.Absolute - worse;
            return new GateVerdict(
                expected,
                $"{Stats(metric, current)}: {(worse > 0 ? MetricFormat.Value(metric, worse) + " worse" : worse < 0 ? MetricFormat.Value(metric, -worse) + " better" : "unchanged")}",
                Signed(MetricFormat.Value(metric, room), room),
                withinNoise,
                $"noise: {noise.Basis}");
        }

        double change = worse / Math.Abs(baseline.Mean);
        bool withinTolerance = gate.Comparison.Holds(change, gate.Tolerance);
        double limit = Math.Max(gate.Tolerance, noise.Relative);
        string basis = $"noise ±{MetricFormat.Number(noise.Relative * 100)}%: {noise.Basis}";
        return new GateVerdict(
            expected,
            $"{Stats(metric, current)}: {Change(change)}",
            Signed(MetricFormat.Number((limit - change) * 100) + "%", limit - change),
            withinTolerance || withinNoise,
            !withinTolerance && withinNoise ? $"worse than the tolerance, but within the noise ({basis})" : basis);
    }

    /// <summary>How much worse <paramref name="current"/> is than <paramref name="reference"/>, in the metric's unit (negative: better).</summary>
    public static double WorseBy(GateMetric metric, double reference, double current) =>
        GateMetrics.HigherIsBetter(metric) ? reference - current : current - reference;

    /// <summary>How much worse <paramref name="current"/> is than <paramref name="reference"/>, as a fraction of it (negative: better).</summary>
    public static double Worsening(GateMetric metric, double reference, double current)
    {
        double worse = WorseBy(metric, reference, current);
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

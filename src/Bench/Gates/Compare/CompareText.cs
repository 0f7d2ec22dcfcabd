using Bench.Gates.Syntax;

namespace Bench.Gates.Compare;

/// <summary>The cells of a comparison row as people read them, shared by the console table and the Markdown; "–" where a side has no value.</summary>
public static class CompareText
{
    public const string None = "–";

    public static string Side(GateMetric metric, MetricStats? stats) => stats is null ? None
        : (stats.N > 1 ? MetricFormat.WithSpread(metric, stats.Mean, stats.Stdev) : MetricFormat.Value(metric, stats.Mean)) + $" (n={stats.N})";

    public static string Change(ComparisonRow row) => row.Change is { } change ? MetricFormat.Percent(change) : None;

    /// <summary>The band as a percentage of A; against an A of 0, the absolute floor in the metric's unit.</summary>
    public static string Noise(ComparisonRow row) => row.Noise switch
    {
        null => None,
        { Relative: double.PositiveInfinity } noise => $"±{MetricFormat.Value(row.Metric, noise.Absolute)} abs",
        var noise => $"±{MetricFormat.Number(noise.Relative * 100)}%",
    };

    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Better => "better",
        ChangeVerdict.Worse => "WORSE",
        ChangeVerdict.Noise => "~ noise",
        _ => "not judged",
    };
}

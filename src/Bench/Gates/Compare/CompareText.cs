using Bench.Gates.Syntax;

namespace Bench.Gates.Compare;

/// <summary>The cells of a comparison row as people read them, shared by the console table and the Markdown.</summary>
public static class CompareText
{
    public static string Side(GateMetric metric, MetricStats stats) =>
        (stats.N > 1 ? MetricFormat.WithSpread(metric, stats.Mean, stats.Stdev) : MetricFormat.Value(metric, stats.Mean)) + $" (n={stats.N})";

    public static string Change(ComparisonRow row) => MetricFormat.Percent(row.Change);

    public static string Noise(ComparisonRow row) => $"±{MetricFormat.Number(row.Noise.Relative * 100)}%";

    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Better => "better",
        ChangeVerdict.Worse => "WORSE",
        ChangeVerdict.Noise => "~ noise",
        _ => "not judged",
    };
}

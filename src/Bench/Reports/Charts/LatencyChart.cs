using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>Median and 99th-percentile latency against the level, on a log scale so sync's seconds and async's milliseconds share one chart.</summary>
internal static class LatencyChart
{
    public const string Slug = "latency";

    public static Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, "latency p50 and p99", "latency (ms, log scale)");
        // A level without a response has no latency (its 0 is not a fast answer): AddLog leaves it out.
        var p50 = LevelSeries.AddLog(plot, view, palette, c => c.P50Ms ?? 0);
        var p99 = LevelSeries.AddLog(plot, view, palette, c => c.P99Ms ?? 0, dashed: true, marker: MarkerShape.FilledTriangleUp);
        var all = p50.Concat(p99).DefaultIfEmpty(1).ToArray();
        ChartStyle.LogAxis(plot, plot.Axes.Left, all.Min(), all.Max());
        LevelSeries.Legend(plot, view, palette,
        [
            ChartStyle.StyleItem("p50 (median)", null, MarkerShape.FilledCircle),
            ChartStyle.StyleItem("p99", DashedLine.Dashed, MarkerShape.FilledTriangleUp),
        ]);
        string caption = view.IsClosed
            ? "With N connections and one request served at a time, each waits for the N − 1 ahead of it: latency grows with N (Little's law, R = N/X − Z). A target that overlaps requests keeps its latency flat until it runs out of CPU. The gap between p50 and p99 is the tail."
            : "Latency measured from each request's intended send time: where a target cannot keep up with the rate, the queue, and so the latency, grows with it.";
        return new Chart(Slug, $"Latency p50 and p99 vs {view.LevelUnit}", caption, plot);
    }
}

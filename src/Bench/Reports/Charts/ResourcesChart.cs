using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>What each request costs the target: CPU milliseconds per request (left axis) and peak resident memory (right axis).</summary>
internal static class ResourcesChart
{
    public const string Slug = "resources";

    public static Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, "CPU per request and peak memory", "target CPU per request (ms)");
        var right = plot.Axes.Right;
        right.Label.Text = "peak RSS (MiB)";
        right.Label.FontSize = 16;
        // Per request needs a request: a level nobody was answered at has no cost per request to show.
        double cpuMax = LevelSeries.Add(plot, view, palette, c => c.CpuMsPerRequest ?? 0, include: c => c.Answered).DefaultIfEmpty(0).Max();
        // Diamonds, not squares: ScottPlot draws a legend's square with the line's dash effect, which Skia's SVG canvas reports on stderr.
        double rssMax = LevelSeries.Add(plot, view, palette, c => c.PeakRssMiB, dashed: true, marker: MarkerShape.FilledDiamond, axis: right).DefaultIfEmpty(0).Max();
        // Room above the lines for the legend.
        ChartStyle.LinearAxis(plot, plot.Axes.Left, Math.Max(cpuMax, 0.001) * 1.35);
        ChartStyle.LinearAxis(plot, right, Math.Max(rssMax, 1) * 1.35);
        LevelSeries.Legend(plot, view, palette,
        [
            ChartStyle.StyleItem("CPU ms per request (left)", null, MarkerShape.FilledCircle),
            ChartStyle.StyleItem("peak RSS MiB (right)", DashedLine.Dashed, MarkerShape.FilledDiamond),
        ]);
        const string Caption = "CPU per request that rises with the level is overhead the concurrency model adds (context switches, scheduling, contention); memory that rises with it is what each connection holds — a thread stack per connection shows up here first.";
        return new Chart(Slug, "CPU per request and peak memory", Caption, plot);
    }
}

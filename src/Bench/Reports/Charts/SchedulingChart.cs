using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>What the kernel does for each model: its OS threads (left axis) and context switches per request (right axis).</summary>
internal static class SchedulingChart
{
    public const string Slug = "scheduling";

    public static Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, "OS threads and context switches", "target's OS threads (most in the window)");
        var right = plot.Axes.Right;
        right.Label.Text = "context switches per request";
        right.Label.FontSize = 16;
        double threadsMax = LevelSeries.Add(plot, view, palette, c => c.MaxThreads).DefaultIfEmpty(0).Max();
        double switchesMax = LevelSeries.Add(plot, view, palette, c => c.ContextSwitchesPerRequest ?? 0, include: c => c.Answered, dashed: true, marker: MarkerShape.FilledDiamond, axis: right)
            .DefaultIfEmpty(0).Max();
        ChartStyle.LinearAxis(plot, plot.Axes.Left, Math.Max(threadsMax, 1) * 1.35);
        ChartStyle.LinearAxis(plot, right, Math.Max(switchesMax, 0.01) * 1.35);
        LevelSeries.Legend(plot, view, palette,
        [
            ChartStyle.StyleItem("OS threads (left)", null, MarkerShape.FilledCircle),
            ChartStyle.StyleItem("context switches per request (right)", DashedLine.Dashed, MarkerShape.FilledDiamond),
        ]);
        const string Caption = "Threads that grow with the connections are a thread per connection: each holds a stack and is put to sleep and woken by the kernel for every request, which the context switches per request count; an event loop or a thread pool keeps both flat.";
        return new Chart(Slug, "OS threads and context switches", Caption, plot);
    }
}

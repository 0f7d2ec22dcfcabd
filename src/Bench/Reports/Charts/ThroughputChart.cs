using Bench.Queueing;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// Throughput against the level, one line per target, with each target's queueing model dashed beside it (closed
/// scenarios) or the offered rate (open ones). Log-log: a target flat at 49 requests/s and one at 10 000 both read,
/// and the ideal line N/(R₀+Z) is straight.
/// </summary>
internal static class ThroughputChart
{
    public const string Slug = "throughput";

    public static Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, "throughput", "throughput (requests/s, log scale)");
        var all = view.Targets.SelectMany(t => view.Row(t)).Select(c => c.ThroughputRps).ToArray();
        var positive = all.Where(x => x > 0).DefaultIfEmpty(1).ToArray();
        double low = positive.Min(), high = positive.Max();
        var fits = view.Models.Where(m => m.Fit is not null).Select(m => (m.Target, Fit: m.Fit!)).ToArray();

        // Keep the measurements readable: a prediction widens the axis only while it is near them; the rest leave the chart.
        var near = fits.SelectMany(f => new[] { f.Fit.Model.LimitRps ?? f.Fit.Model.OneAtATimeRps, f.Fit.Model.CpuCapRps ?? 0 }).Where(c => c > low / 3 && c < high * 3).ToList();
        if (!view.IsClosed)
        {
            near.AddRange([view.Levels[0], view.Levels[^1]]);
        }

        double axisMin = near.Append(low).Min(), axisMax = near.Append(high).Max() * 1.5;
        // 0 requests/s is a result (a target that answered nobody): drawn on a "0" row below the rest.
        double? zeroAt = all.Any(x => x <= 0) ? Math.Floor(Math.Log10(axisMin)) - 0.5 : null;
        LevelSeries.AddLog(plot, view, palette, c => c.ThroughputRps, zeroAt: zeroAt);
        foreach (var (target, fit) in fits)
        {
            AddModel(plot, view.Levels, fit.Model, Color.FromHex(palette.HexOf(target)));
        }

        var styles = new List<LegendItem>();
        if (fits.Length > 0)
        {
            styles.Add(ChartStyle.StyleItem("model: ideal N/(R₀+Z)", DashedLine.Dashed));
            styles.Add(ChartStyle.StyleItem("model: one at a time 1/R₀", DashedLine.Dotted));
            styles.Add(ChartStyle.StyleItem("model: CPU cap cores/S", DashedLine.DashDot));
        }

        if (!view.IsClosed)
        {
            var offered = view.Levels.Select(l => new Coordinates(ChartStyle.LevelX(l), Math.Log10(l))).ToArray();
            plot.Add.Plottable(new DashedLine(offered, ChartStyle.Neutral, 1.5f, DashedLine.Dashed));
            styles.Add(ChartStyle.StyleItem("offered rate (keeping up)", DashedLine.Dashed));
        }

        ChartStyle.LogAxis(plot, plot.Axes.Left, axisMin, axisMax, zeroAt);
        LevelSeries.Legend(plot, view, palette, styles);
        string caption = view.IsClosed
            ? "A line on its dashed ideal scales with the connections; one flat on its dotted line serves as many requests at once as it can (one, or the limit its catalogue entry declares: L/R₀); one that bends onto its dash-dot line has run out of CPU. R₀ is the mean latency at level 1, S the least CPU per request of any level; lines beyond the edges are off the chart."
            : "Throughput reached against the rate offered: a target that keeps up lies on the dashed diagonal; where it falls below, it cannot keep up and requests queue.";
        return new Chart(Slug, $"Throughput vs {view.LevelUnit}", caption, plot);
    }

    private static void AddModel(Plot plot, IReadOnlyList<int> levels, QueueingModel model, Color color)
    {
        double from = ChartStyle.LevelX(levels[0]), to = ChartStyle.LevelX(levels[^1]);
        Coordinates At(double x, double rps) => new(x, Math.Log10(rps));
        plot.Add.Plottable(new DashedLine([At(from, model.IdealRps(levels[0])), At(to, model.IdealRps(levels[^1]))], color, 1.5f, DashedLine.Dashed));
        // The target's own bound: one request at a time, or the limit its catalogue entry declares (L / R₀).
        double bound = model.LimitRps ?? model.OneAtATimeRps;
        plot.Add.Plottable(new DashedLine([At(from, bound), At(to, bound)], color, 1.5f, DashedLine.Dotted));
        if (model.CpuCapRps is { } cap)
        {
            plot.Add.Plottable(new DashedLine([At(from, cap), At(to, cap)], color, 1.5f, DashedLine.DashDot));
        }
    }
}

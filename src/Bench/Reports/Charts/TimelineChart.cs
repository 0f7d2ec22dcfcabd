using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>Responses completed in each second of every measured window, placed at the time it ran: warm-up left-overs, stalls and drift show here.</summary>
internal static class TimelineChart
{
    public const string Slug = "timeline";

    /// <summary>Where a second with no response is drawn on the log axis (its tick reads "0").</summary>
    private const double ZeroAt = -0.5;

    public static Chart? Build(ScenarioView view, TargetPalette palette)
    {
        var windows = view.Scenario.Results.Where(r => r.PerSecond.Count > 0 && view.Targets.Contains(r.Target)).ToArray();
        if (windows.Length == 0)
        {
            return null;
        }

        var start = windows.Min(r => r.StartedAt);
        var plot = ChartStyle.NewPlot($"{view.Name}: throughput per second over the run", "time since the scenario's first measured level (s)", "responses per second (log scale)");
        double max = 1;
        foreach (var window in windows)
        {
            double offset = (window.StartedAt - start).TotalSeconds;
            double[] xs = window.PerSecond.Select(s => offset + s.Second + 0.5).ToArray();
            double[] ys = window.PerSecond.Select(s => s.Completed > 0 ? Math.Log10(s.Completed) : ZeroAt).ToArray();
            if (!TargetLevel.IsTrusted(window))
            {
                var span = plot.Add.HorizontalSpan(offset, offset + window.PerSecond.Count);
                span.FillColor = ChartStyle.Invalid.WithAlpha(0.12);
                span.LineColor = Colors.Transparent;
            }

            var line = plot.Add.Scatter(xs, ys, Color.FromHex(palette.HexOf(window.Target)));
            line.LineWidth = 1.5f;
            line.MarkerSize = 4;
            max = Math.Max(max, window.PerSecond.Max(s => s.Completed));
            var label = plot.Add.Text(Format.Number(window.Level), xs[0], ys.Max());
            label.LabelFontColor = Color.FromHex(palette.HexOf(window.Target));
            label.LabelFontSize = 13;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetY = -4;
        }

        plot.Axes.SetLimitsX(0, windows.Max(w => (w.StartedAt - start).TotalSeconds + w.PerSecond.Count) + 0.5);
        bool anyZero = windows.Any(r => r.PerSecond.Any(s => s.Completed == 0));
        ChartStyle.LogAxis(plot, plot.Axes.Left, 1, max * 2, anyZero ? ZeroAt : null);
        var legend = view.Targets.Select(t => ChartStyle.TargetItem(t, Color.FromHex(palette.HexOf(t)))).ToList();
        if (windows.Any(w => !TargetLevel.IsTrusted(w)))
        {
            legend.Add(ChartStyle.ShadeItem("invalid or saturated level (shaded)"));
        }

        ChartStyle.Legend(plot, legend);
        const string Caption = "One segment per measured level (its number above it), at the time it ran. A segment should be flat: a ramp at its start is warm-up the window caught, a drop to the bottom row is a second in which nothing completed (a stall), a slope is drift.";
        return new Chart(Slug, "Throughput per second over the run", Caption, plot);
    }
}

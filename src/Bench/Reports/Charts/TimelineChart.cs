using Bench.Results;
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
        bool anyZero = false;
        foreach (var window in windows)
        {
            double offset = (window.StartedAt - start).TotalSeconds;
            // A window of 1.5 s ends in half a second: its count is a rate over that half, not a drop.
            double Covered(SecondSample s) => window.DurationSeconds > 0 ? Math.Clamp(window.DurationSeconds - s.Second, 0, 1) : 1;
            var seconds = window.PerSecond.Where(s => Covered(s) >= 0.1).ToArray();
            if (seconds.Length == 0)
            {
                continue;
            }

            double[] xs = seconds.Select(s => offset + s.Second + (Covered(s) / 2)).ToArray();
            double[] rates = seconds.Select(s => s.Completed / Covered(s)).ToArray();
            double[] ys = rates.Select(r => r > 0 ? Math.Log10(r) : ZeroAt).ToArray();
            anyZero |= rates.Any(r => r <= 0);
            if (!TargetLevel.IsTrusted(window))
            {
                var span = plot.Add.HorizontalSpan(offset, offset + Math.Max(window.DurationSeconds, window.PerSecond.Count));
                span.FillColor = ChartStyle.Invalid.WithAlpha(0.12);
                span.LineColor = Colors.Transparent;
            }

            var line = plot.Add.Scatter(xs, ys, Color.FromHex(palette.HexOf(window.Target)));
            line.LineWidth = 1.5f;
            line.MarkerSize = 4;
            max = Math.Max(max, rates.Max());
            var label = plot.Add.Text(Format.Number(window.Level), xs[0], ys.Max());
            label.LabelFontColor = Color.FromHex(palette.HexOf(window.Target));
            label.LabelFontSize = 13;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetY = -4;
        }

        plot.Axes.SetLimitsX(0, windows.Max(w => (w.StartedAt - start).TotalSeconds + Math.Max(w.DurationSeconds, w.PerSecond.Count)) + 0.5);
        ChartStyle.LogAxis(plot, plot.Axes.Left, 1, max * 2, anyZero ? ZeroAt : null);
        var legend = view.Targets.Select(t => ChartStyle.TargetItem(t, Color.FromHex(palette.HexOf(t)))).ToList();
        if (windows.Any(w => !TargetLevel.IsTrusted(w)))
        {
            legend.Add(ChartStyle.ShadeItem("invalid or saturated level (shaded)"));
        }

        ChartStyle.Legend(plot, legend);
        const string Caption = "One segment per measured level (its number above it), at the time it ran; a last part-second counts at its rate. A segment should be flat: a ramp at its start is warm-up the window caught, a drop to the bottom row is a second in which nothing completed (a stall), a slope is drift.";
        return new Chart(Slug, "Throughput per second over the run", Caption, plot);
    }
}

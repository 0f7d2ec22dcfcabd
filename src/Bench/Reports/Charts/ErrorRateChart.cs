namespace Bench.Reports.Charts;

/// <summary>The share of requests that failed (timeouts, refused or reset connections, wrong answers) against the level.</summary>
internal static class ErrorRateChart
{
    public const string Slug = "errors";

    public static Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, "error rate", "errors (% of requests)");
        double max = LevelSeries.Add(plot, view, palette, c => c.ErrorRate * 100).DefaultIfEmpty(0).Max();
        ChartStyle.LinearAxis(plot, plot.Axes.Left, Math.Clamp(max * 1.35, 1, 105));
        LevelSeries.Legend(plot, view, palette, []);
        const string Caption = "Failed requests as a share of all requests in the window. A target that cannot take more connections shows it here: timeouts for those left waiting, refused or reset connections for those turned away.";
        return new Chart(Slug, "Error rate", Caption, plot);
    }
}

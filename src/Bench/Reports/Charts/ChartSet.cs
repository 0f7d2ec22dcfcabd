namespace Bench.Reports.Charts;

/// <summary>Every chart of a scenario, in the order the report shows them; a chart without data (no histograms, no per-second series) is left out.</summary>
public static class ChartSet
{
    public static IReadOnlyList<Chart> For(ScenarioView view, TargetPalette palette)
    {
        if (view.Targets.Count == 0)
        {
            return [];
        }

        return new[]
        {
            ThroughputChart.Build(view, palette),
            LatencyChart.Build(view, palette),
            PercentileChart.Build(view, palette),
            TimelineChart.Build(view, palette),
            ResourcesChart.Build(view, palette),
            SchedulingChart.Build(view, palette),
            ErrorRateChart.Build(view, palette),
        }.OfType<Chart>().ToArray();
    }
}

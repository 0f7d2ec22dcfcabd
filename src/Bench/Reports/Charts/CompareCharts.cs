using Bench.Results;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// `bench compare`'s overlay charts: for every scenario both runs hold, throughput and p99 against the level, run A
/// dashed and run B solid, each target in the same colour in both. Same axes, same styles as the run report.
/// </summary>
public static class CompareCharts
{
    public static async Task<IReadOnlyList<string>> WriteAsync(RunResults a, RunResults b, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var palette = new TargetPalette(b);
        var written = new List<string>();
        foreach (var scenarioB in b.Scenarios)
        {
            if (a.Scenarios.FirstOrDefault(s => s.Name == scenarioB.Name) is not { } scenarioA)
            {
                continue;
            }

            var viewA = ScenarioView.From(scenarioA, a.Run);
            var viewB = ScenarioView.From(scenarioB, b.Run);
            var charts = new[]
            {
                Overlay(viewA, viewB, palette, "throughput", "throughput (requests/s, log scale)", c => c.ThroughputRps),
                Overlay(viewA, viewB, palette, "p99", "p99 latency of successes (ms, log scale)", c => c.P99Ms ?? 0),
            };
            foreach (var chart in charts)
            {
                using (chart)
                {
                    written.Add((await ChartWriter.SaveAsync(chart, directory, scenarioB.Name, cancellationToken)).PngPath);
                }
            }
        }

        return written;
    }

    private static Chart Overlay(ScenarioView a, ScenarioView b, TargetPalette palette, string what, string yLabel, Func<TargetLevel, double> value)
    {
        var plot = LevelSeries.NewPlot(b, $"{what}: run A dashed, run B solid", yLabel);
        var drawn = LevelSeries.AddLog(plot, a, palette, value, dashed: true, marker: MarkerShape.OpenCircle)
            .Concat(LevelSeries.AddLog(plot, b, palette, value))
            .DefaultIfEmpty(1)
            .ToArray();
        ChartStyle.LogAxis(plot, plot.Axes.Left, drawn.Min(), drawn.Max() * 1.5);
        LevelSeries.Legend(plot, b, palette, [ChartStyle.StyleItem("run A", DashedLine.Dashed), ChartStyle.StyleItem("run B", null)]);
        return new Chart($"compare-{what}", $"{what}: run A vs run B", $"Where a solid line (run B) leaves its dashed twin (run A), {what} changed.", plot);
    }
}

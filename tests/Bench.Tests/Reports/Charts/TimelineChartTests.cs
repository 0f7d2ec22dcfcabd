using Bench.Reports;
using Bench.Reports.Charts;
using Bench.Results;
using Bench.Tests.Support;
using ScottPlot.Plottables;

namespace Bench.Tests.Reports.Charts;

public sealed class TimelineChartTests
{
    [Fact]
    public void The_last_part_second_of_a_window_counts_at_its_rate_not_as_a_drop()
    {
        // 1.5 s measured at 48 requests/s: 48 in the first second, 24 in the half second after it.
        var level = SampleResults.Level("sync", 1, 1, 48) with { DurationSeconds = 1.5, PerSecond = [new SecondSample(0, 48, 0, 25), new SecondSample(1, 24, 0, 25)] };
        var view = ScenarioView.From(new ScenarioResults("io", ScenarioDefinition.From(SampleResults.Scenario()), [], [level]), SampleResults.Run());

        using var chart = TimelineChart.Build(view, new TargetPalette(RunResults.Start(SampleResults.Run())))!;

        var points = chart.Plot.GetPlottables<Scatter>().Single().Data.GetScatterPoints();
        Assert.Equal([0.5, 1.25], points.Select(p => p.X));
        Assert.All(points, p => Assert.Equal(Math.Log10(48), p.Y, 9));
    }
}

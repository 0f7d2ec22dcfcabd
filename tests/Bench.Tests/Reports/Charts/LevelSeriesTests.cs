using Bench.Reports;
using Bench.Reports.Charts;
using Bench.Results;
using Bench.Tests.Support;
using ScottPlot;
using ScottPlot.Plottables;

namespace Bench.Tests.Reports.Charts;

/// <summary>A level that answered nobody has 0 requests/s, which is a result, and no latency, which is not 0 ms.</summary>
public sealed class LevelSeriesTests
{
    private static readonly ScenarioView View = ScenarioView.From(
        new ScenarioResults("io", ScenarioDefinition.From(SampleResults.Scenario()), [],
        [
            SampleResults.Level("sync", 1, 1, 48),
            SampleResults.Level("sync", 64, 1, 0) with { Requests = 0, LatencyMs = null, Histogram = null },
        ]),
        SampleResults.Run());

    private static double[][] Ys(Plot plot) => plot.GetPlottables<Scatter>().Select(s => s.Data.GetScatterPoints().Select(p => p.Y).ToArray()).ToArray();

    [Fact]
    public void On_a_log_axis_a_zero_is_left_out_unless_there_is_a_zero_row()
    {
        var palette = new TargetPalette(RunResults.Start(SampleResults.Run()));
        using var latency = new Plot();
        using var throughput = new Plot();

        var drawnLatency = LevelSeries.AddLog(latency, View, palette, c => c.P50Ms ?? 0);
        var drawnThroughput = LevelSeries.AddLog(throughput, View, palette, c => c.ThroughputRps, zeroAt: -0.5);

        Assert.Equal([Math.Log10(20.1)], Assert.Single(Ys(latency)));
        Assert.Equal(20.1, Assert.Single(drawnLatency), 9);
        Assert.Equal([Math.Log10(48), -0.5], Assert.Single(Ys(throughput)));
        Assert.Equal(48, Assert.Single(drawnThroughput), 9);
    }
}

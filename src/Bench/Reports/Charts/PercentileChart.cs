using HdrHistogram;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Reports.Charts;

/// <summary>The latency distribution of every target at one level, from the stored HDR histograms, on the 1/(1−p) percentile scale.</summary>
internal static class PercentileChart
{
    public const string Slug = "percentiles";

    /// <summary>The chart at <see cref="LevelFor"/>; null when no level has a stored histogram.</summary>
    public static Chart? Build(ScenarioView view, TargetPalette palette)
    {
        if (LevelFor(view) is not { } chosen)
        {
            return null;
        }

        var (level, histograms) = chosen;
        var plot = ChartStyle.NewPlot($"{view.Name}: latency by percentile at {Format.Number(level)} {view.LevelUnit}", "percentile (1/(1−p) scale)", "latency (ms, log scale)");
        var all = new List<PercentilePoint>();
        foreach (var (target, histogram) in histograms)
        {
            var curve = PercentileCurve.Of(histogram);
            var color = Color.FromHex(palette.HexOf(target));
            var line = plot.Add.ScatterLine(curve.Select(p => p.X).ToArray(), curve.Select(p => Math.Log10(Math.Max(p.LatencyMs, 0.001))).ToArray(), color);
            line.LineWidth = 2;
            all.AddRange(curve);
            if (view.Cell(target, level) is { Problems.Count: > 0 })
            {
                ChartStyle.InvalidMarks(plot, [curve[^1].X], [Math.Log10(Math.Max(curve[^1].LatencyMs, 0.001))]);
            }
        }

        double maxX = Math.Max(2, all.Max(p => p.X));
        var ticks = new NumericManual();
        ticks.AddMajor(0, "0 %");
        ticks.AddMajor(Math.Log10(2), "50 %");
        for (int nines = 1; nines <= maxX; nines++)
        {
            ticks.AddMajor(nines, Format.Fixed(100 - Math.Pow(10, 2 - nines), "0.#####") + " %");
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.05, maxX + 0.15);
        ChartStyle.LogAxis(plot, plot.Axes.Left, Math.Max(all.Min(p => p.LatencyMs), 0.001), Math.Max(all.Max(p => p.LatencyMs), 0.001));
        var legend = histograms.Select(h => ChartStyle.TargetItem(h.Target, Color.FromHex(palette.HexOf(h.Target)))).ToList();
        if (histograms.Any(h => view.Cell(h.Target, level) is { Problems.Count: > 0 }))
        {
            legend.Add(ChartStyle.InvalidItem("invalid or saturated: its maximum crossed"));
        }

        ChartStyle.Legend(plot, legend);
        string caption = $"Every response of the level at {Format.Number(level)} {view.LevelUnit}, from the stored histograms: read a latency off at 99 % and 99.9 % to see the tail each target's users meet. A curve that stays flat and then shoots up is a queue that a few unlucky requests wait in.";
        return new Chart(Slug, $"Latency distribution at {Format.Number(level)} {view.LevelUnit}", caption, plot);
    }

    /// <summary>
    /// The highest level at which every target has a trusted, decodable histogram (where the targets differ most);
    /// failing that, the highest level with any decodable histogram.
    /// </summary>
    public static (int Level, IReadOnlyList<(string Target, HistogramBase Histogram)> Histograms)? LevelFor(ScenarioView view)
    {
        (int, IReadOnlyList<(string, HistogramBase)>)? fallback = null;
        foreach (int level in view.Levels.Reverse())
        {
            var found = view.Targets
                .Select(t => (Target: t, Cell: view.Cell(t, level)))
                .Where(x => x.Cell is not null)
                .Select(x => (x.Target, x.Cell!.Trusted, Histogram: PercentileCurve.Merged(x.Cell!)))
                .Where(x => x.Histogram is { TotalCount: > 0 })
                .ToArray();
            var histograms = found.Select(x => (x.Target, x.Histogram!)).ToArray();
            if (found.Length == view.Targets.Count && found.All(x => x.Trusted))
            {
                return (level, histograms);
            }

            if (fallback is null && found.Length > 0)
            {
                fallback = (level, histograms);
            }
        }

        return fallback;
    }
}

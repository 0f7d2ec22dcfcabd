using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>The charts against the level: one series per target in its colour, trusted levels joined, flagged ones crossed in red.</summary>
internal static class LevelSeries
{
    /// <summary>A chart titled "&lt;scenario&gt;: <paramref name="what"/>" with the scenario's levels on a log2 x axis.</summary>
    public static Plot NewPlot(ScenarioView view, string what, string yLabel)
    {
        var plot = ChartStyle.NewPlot($"{view.Name}: {what}", $"{view.LevelUnit} (log2 scale)", yLabel);
        ChartStyle.LevelAxis(plot, view.Levels);
        return plot;
    }

    /// <summary>
    /// As <see cref="Add"/> on a log10 axis. A level whose value is 0 has no place on it: it is left out, or drawn at
    /// <paramref name="zeroAt"/> (a position below the data, where the axis says "0") when given. Returns the positive values drawn.
    /// </summary>
    public static IReadOnlyList<double> AddLog(
        Plot plot, ScenarioView view, TargetPalette palette, Func<TargetLevel, double> value,
        bool dashed = false, MarkerShape marker = MarkerShape.FilledCircle, double? zeroAt = null) =>
        Add(plot, view, palette, c => value(c) > 0 ? Math.Log10(value(c)) : zeroAt ?? 0, dashed, marker, include: c => value(c) > 0 || zeroAt is not null)
            .Where(l => l != zeroAt).Select(l => Math.Pow(10, l)).ToArray();

    /// <summary>Draws <paramref name="value"/> of every target's levels that <paramref name="include"/> keeps (all by default); returns every value drawn (for the axis limits).</summary>
    public static IReadOnlyList<double> Add(
        Plot plot, ScenarioView view, TargetPalette palette, Func<TargetLevel, double> value,
        bool dashed = false, MarkerShape marker = MarkerShape.FilledCircle, IYAxis? axis = null, Func<TargetLevel, bool>? include = null)
    {
        var drawn = new List<double>();
        foreach (string target in view.Targets)
        {
            var color = Color.FromHex(palette.HexOf(target));
            var row = view.Row(target).Where(include ?? (_ => true)).ToArray();
            var trusted = row.Where(c => c.Trusted).ToArray();
            double[] xs = trusted.Select(c => ChartStyle.LevelX(c.Level)).ToArray(), ys = trusted.Select(value).ToArray();
            if (dashed)
            {
                ChartStyle.DashedSeries(plot, xs, ys, color, marker, axis);
            }
            else
            {
                ChartStyle.Series(plot, xs, ys, color, marker, axis);
            }

            var flagged = row.Where(c => c.Problems.Count > 0).ToArray();
            ChartStyle.InvalidMarks(plot, flagged.Select(c => ChartStyle.LevelX(c.Level)).ToArray(), flagged.Select(value).ToArray(), axis);
            drawn.AddRange(row.Select(value));
        }

        return drawn;
    }

    /// <summary>The targets, then <paramref name="styles"/>, then the red cross when any level is flagged.</summary>
    public static void Legend(Plot plot, ScenarioView view, TargetPalette palette, IEnumerable<LegendItem> styles)
    {
        var items = view.Targets.Select(t => ChartStyle.TargetItem(t, Color.FromHex(palette.HexOf(t)))).Concat(styles).ToList();
        if (view.Targets.Any(t => view.Row(t).Any(c => c.Problems.Count > 0)))
        {
            items.Add(ChartStyle.InvalidItem());
        }

        ChartStyle.Legend(plot, items);
    }
}

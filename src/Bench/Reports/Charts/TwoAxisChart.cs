using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// A chart of two costs per level on one plot: one solid against the left axis, one dashed against the right, each
/// target in its colour. A per-request value is drawn only at levels that answered something.
/// </summary>
internal sealed record TwoAxisChart(string Slug, string Title, string Caption, TwoAxisChart.Side Left, TwoAxisChart.Side Right)
{
    /// <summary>One axis's series: its label (also the legend's), the value of a cell, and whether a cell without an answer has one.</summary>
    public sealed record Side(string Label, Func<TargetLevel, double> Value, bool PerRequest, double Floor);

    public Chart Build(ScenarioView view, TargetPalette palette)
    {
        var plot = LevelSeries.NewPlot(view, Title, Left.Label);
        var right = plot.Axes.Right;
        right.Label.Text = Right.Label;
        right.Label.FontSize = 16;
        double leftMax = LevelSeries.Add(plot, view, palette, Left.Value, include: Include(Left)).DefaultIfEmpty(0).Max();
        // Diamonds, not squares: ScottPlot draws a legend's square with the line's dash effect, which Skia's SVG canvas reports on stderr.
        double rightMax = LevelSeries.Add(plot, view, palette, Right.Value, include: Include(Right), dashed: true, marker: MarkerShape.FilledDiamond, axis: right)
            .DefaultIfEmpty(0).Max();
        // Room above the lines for the legend.
        ChartStyle.LinearAxis(plot, plot.Axes.Left, Math.Max(leftMax, Left.Floor) * 1.35);
        ChartStyle.LinearAxis(plot, right, Math.Max(rightMax, Right.Floor) * 1.35);
        LevelSeries.Legend(plot, view, palette,
        [
            ChartStyle.StyleItem($"{Left.Label} (left)", null, MarkerShape.FilledCircle),
            ChartStyle.StyleItem($"{Right.Label} (right)", DashedLine.Dashed, MarkerShape.FilledDiamond),
        ]);
        return new Chart(Slug, Title, Caption, plot);
    }

    private static Func<TargetLevel, bool>? Include(Side side) => side.PerRequest ? c => c.Answered : null;
}

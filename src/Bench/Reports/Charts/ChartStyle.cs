using ScottPlot;
using ScottPlot.TickGenerators;

namespace Bench.Reports.Charts;

/// <summary>What every chart of a report shares: size, font, the log2 level axis, log10 axes, series and legends.</summary>
internal static class ChartStyle
{
    public const int Width = 960;
    public const int Height = 540;

    public static readonly Color Invalid = Color.FromHex(TargetPalette.InvalidHex);
    public static readonly Color Neutral = Color.FromHex("#555555");

    /// <summary>A sans font this machine has: the SVG names it, and a serif default reads poorly at chart sizes.</summary>
    public static readonly string FontName = new[] { "DejaVu Sans", "Liberation Sans", "Arial" }.FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false)?.FamilyName == f) ?? Fonts.Default;

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        // Sized for the report, where two charts share a row and show at about 60 % of their 960 pixels.
        var plot = new Plot();
        plot.Title(title, 20);
        plot.XLabel(xLabel, 16);
        plot.YLabel(yLabel, 16);
        plot.Font.Set(FontName);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 14;
        }

        plot.Legend.FontName = FontName;
        return plot;
    }

    /// <summary>The x position of a level: log2, so 1, 4, 16, 64, 256 are evenly spaced.</summary>
    public static double LevelX(int level) => Math.Log2(level);

    /// <summary>A log2 level axis with one labelled tick per level (every other one past twelve levels).</summary>
    public static void LevelAxis(Plot plot, IReadOnlyList<int> levels)
    {
        var ticks = new NumericManual();
        int every = levels.Count > 12 ? 2 : 1;
        for (int i = 0; i < levels.Count; i++)
        {
            if (i % every == 0)
            {
                ticks.AddMajor(LevelX(levels[i]), Format.Number(levels[i]));
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        double low = LevelX(levels[0]), high = LevelX(levels[^1]);
        double pad = Math.Max(0.3, (high - low) * 0.04);
        plot.Axes.SetLimitsX(low - pad, high + pad);
    }

    /// <summary>
    /// Makes <paramref name="axis"/> a log10 axis of values from <paramref name="min"/> to <paramref name="max"/> (both &gt; 0):
    /// plotted values are log10 of the data; at least one decade shown; ticks at 1, 2, 5 × 10^k over short ranges,
    /// 10^k over long ones. A zero drawn at <paramref name="zeroAt"/> (a log position below the data) gets a "0" tick,
    /// and no tick stands between it and the data.
    /// </summary>
    public static void LogAxis(Plot plot, IYAxis axis, double min, double max, double? zeroAt = null)
    {
        double bottom = Math.Log10(min), top = Math.Log10(Math.Max(max, min));
        double low = bottom - 0.12, high = top + 0.08;
        if (high - low < 1)
        {
            double grow = (1 - (high - low)) / 2;
            (low, high) = (low - grow, high + grow);
        }

        double ticksFrom = zeroAt is null ? low : Math.Min(low, Math.Floor(bottom));
        if (zeroAt is { } z)
        {
            low = Math.Min(low, z - 0.15);
        }

        var ticks = new NumericManual();
        double[] majors = high - ticksFrom <= 3.2 ? [1, 2, 5] : [1];
        for (int decade = (int)Math.Floor(ticksFrom); decade <= Math.Ceiling(high); decade++)
        {
            for (int m = 1; m <= 9; m++)
            {
                double at = decade + Math.Log10(m);
                if (at < ticksFrom - 1e-9 || at > high + 1e-9)
                {
                    continue;
                }

                if (majors.Contains(m))
                {
                    ticks.AddMajor(at, Format.Number(m * Math.Pow(10, decade)));
                }
                else
                {
                    ticks.AddMinor(at);
                }
            }
        }

        if (zeroAt is { } zero)
        {
            ticks.AddMajor(zero, "0");
        }

        axis.TickGenerator = ticks;
        plot.Axes.SetLimitsY(low, high, axis);
    }

    /// <summary>A linear axis from 0 to <paramref name="top"/> with short labels (2.5k, not 2,500) and not too many of them.</summary>
    public static void LinearAxis(Plot plot, IYAxis axis, double top)
    {
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = Format.Number, TargetTickCount = 8 };
        plot.Axes.SetLimitsY(0, top, axis);
    }

    /// <summary>A target's measured series: a line through <paramref name="xs"/>, <paramref name="ys"/> with markers.</summary>
    public static void Series(Plot plot, double[] xs, double[] ys, Color color, MarkerShape marker = MarkerShape.FilledCircle, IYAxis? axis = null)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(xs, ys, color);
        scatter.LineWidth = 2;
        scatter.MarkerShape = marker;
        scatter.MarkerSize = 8;
        scatter.LegendText = "";
        if (axis is not null)
        {
            scatter.Axes.YAxis = axis;
        }
    }

    /// <summary>The same series drawn dashed (markers without a line, then the dashes).</summary>
    public static void DashedSeries(Plot plot, double[] xs, double[] ys, Color color, MarkerShape marker, IYAxis? axis = null)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(xs, ys, marker, 8, color);
        var line = new DashedLine(xs.Zip(ys, (x, y) => new Coordinates(x, y)).ToArray(), color, 2, DashedLine.Dashed);
        if (axis is not null)
        {
            markers.Axes.YAxis = axis;
            line.Axes.YAxis = axis;
        }

        plot.Add.Plottable(line);
    }

    /// <summary>Red crosses over the points of invalid or saturated levels.</summary>
    public static void InvalidMarks(Plot plot, double[] xs, double[] ys, IYAxis? axis = null)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var marks = plot.Add.Markers(xs, ys, MarkerShape.Eks, 14, Invalid);
        marks.MarkerLineWidth = 2.5f;
        if (axis is not null)
        {
            marks.Axes.YAxis = axis;
        }
    }

    public static LegendItem TargetItem(string target, Color color) =>
        new() { LabelText = target, LineColor = color, LineWidth = 2, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 8, MarkerFillColor = color, MarkerLineColor = color, LabelFontName = FontName };

    /// <summary>A grey legend entry explaining a line style; <paramref name="dashes"/> as in <see cref="DashedLine"/>, null for solid.</summary>
    public static LegendItem StyleItem(string label, float[]? dashes, MarkerShape marker = MarkerShape.None) =>
        new() { LabelText = label, LineColor = Neutral, LineWidth = 2, LinePattern = dashes is null ? LinePattern.Solid : new LinePattern(dashes, 0, label), MarkerShape = marker, MarkerSize = 8, MarkerFillColor = Neutral, MarkerLineColor = Neutral, LabelFontName = FontName };

    public static LegendItem InvalidItem(string label = "invalid or saturated (see table)") =>
        new() { LabelText = label, LineWidth = 0, MarkerShape = MarkerShape.Eks, MarkerSize = 12, MarkerLineWidth = 2.5f, MarkerLineColor = Invalid, MarkerFillColor = Invalid, LabelFontName = FontName };

    public static LegendItem ShadeItem(string label) =>
        new() { LabelText = label, FillColor = Invalid.WithAlpha(0.25), LineWidth = 0, LabelFontName = FontName };

    /// <summary>Shows exactly <paramref name="items"/>: the charts' series carry no legend text of their own.</summary>
    /// <remarks>Below the chart, outside the data: lines and points never hide under it, whatever the data.</remarks>
    public static void Legend(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.FontSize = 14;
        plot.ShowLegend(Edge.Bottom);
    }
}

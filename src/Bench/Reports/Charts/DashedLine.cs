using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// A polyline drawn as solid dashes. ScottPlot's own dashed lines use a Skia path effect, which Skia's SVG canvas
/// does not support and reports on stderr for every line; cutting the dashes here draws the same in PNG and SVG, silently.
/// </summary>
internal sealed class DashedLine(IReadOnlyList<Coordinates> points, Color color, float width, float[] pattern) : IPlottable
{
    // On and off lengths in pixels; a new array each time, so no caller can change another's pattern.
    public static float[] Dashed => [9, 5];

    public static float[] Dotted => [2, 4];

    public static float[] DashDot => [9, 4, 2, 4];

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => points.Count == 0 ? AxisLimits.NoLimits : new AxisLimits(points.ToArray());

    public void Render(RenderPack rp)
    {
        var pixels = points.Select(Axes.GetPixel).ToArray();
        // Cut only what shows: a prediction far above the chart would otherwise become thousands of invisible dashes.
        var visible = pixels.Zip(pixels.Skip(1), (a, b) => Clip(a, b, rp.DataRect)).OfType<PixelLine>().ToArray();
        var dashes = Cut(visible, pattern);
        Drawing.DrawLines(rp.Canvas, rp.Paint, dashes, new LineStyle(width, color) { Rounded = false });
    }

    /// <summary>The part of segment a–b inside <paramref name="rect"/> (Liang–Barsky), or null when none is.</summary>
    internal static PixelLine? Clip(Pixel a, Pixel b, PixelRect rect)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y, t0 = 0, t1 = 1;
        (float P, float Q)[] edges = [(-dx, a.X - rect.Left), (dx, rect.Right - a.X), (-dy, a.Y - rect.Top), (dy, rect.Bottom - a.Y)];
        foreach (var (p, q) in edges)
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return null;
                }

                continue;
            }

            float t = q / p;
            if (p < 0)
            {
                t0 = MathF.Max(t0, t);
            }
            else
            {
                t1 = MathF.Min(t1, t);
            }
        }

        return t0 <= t1 && float.IsFinite(t0) && float.IsFinite(t1) ? new PixelLine(Lerp(a, b, t0), Lerp(a, b, t1)) : null;
    }

    /// <summary>The "on" pieces of <paramref name="segments"/> under the repeating on/off <paramref name="pattern"/> (pixels), the phase carried from one segment to the next.</summary>
    internal static IReadOnlyList<PixelLine> Cut(IReadOnlyList<PixelLine> segments, float[] pattern)
    {
        var dashes = new List<PixelLine>();
        int index = 0;
        float left = pattern[0];
        foreach (var segment in segments)
        {
            var (a, b) = (segment.Pixel1, segment.Pixel2);
            float length = MathF.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
            if (!float.IsFinite(length))
            {
                continue;
            }

            for (float done = 0; done < length;)
            {
                float step = MathF.Min(left, length - done);
                if (index % 2 == 0)
                {
                    dashes.Add(new PixelLine(Lerp(a, b, done / length), Lerp(a, b, (done + step) / length)));
                }

                done += step;
                left -= step;
                if (left <= 0)
                {
                    index = (index + 1) % pattern.Length;
                    left = pattern[index];
                }
            }
        }

        return dashes;
    }

    private static Pixel Lerp(Pixel a, Pixel b, float t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
}

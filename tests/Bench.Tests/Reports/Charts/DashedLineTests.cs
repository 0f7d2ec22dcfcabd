using Bench.Reports.Charts;
using ScottPlot;

namespace Bench.Tests.Reports.Charts;

/// <summary>Dashes cut by hand, so the SVG needs no path effect (Skia's SVG canvas cannot draw one and says so on stderr).</summary>
public sealed class DashedLineTests
{
    private static readonly float[] TenOnFiveOff = [10, 5];

    [Fact]
    public void A_straight_line_is_cut_into_on_pieces_of_the_pattern()
    {
        var dashes = DashedLine.Cut([new PixelLine(new Pixel(0, 0), new Pixel(40, 0))], TenOnFiveOff);

        Assert.Equal([(0f, 10f), (15f, 25f), (30f, 40f)], dashes.Select(d => (d.Pixel1.X, d.Pixel2.X)));
    }

    [Fact]
    public void The_pattern_carries_on_across_a_corner()
    {
        // 8 px right, then 12 px down: the first dash turns the corner (8 + 2), the gap takes 5, the next dash the last 5.
        var dashes = DashedLine.Cut([new PixelLine(new Pixel(0, 0), new Pixel(8, 0)), new PixelLine(new Pixel(8, 0), new Pixel(8, 12))], TenOnFiveOff);

        Assert.Equal(
            [(new Pixel(0, 0), new Pixel(8, 0)), (new Pixel(8, 0), new Pixel(8, 2)), (new Pixel(8, 7), new Pixel(8, 12))],
            dashes.Select(d => (d.Pixel1, d.Pixel2)));
    }

    [Fact]
    public void Only_the_part_inside_the_data_area_is_kept()
    {
        var rect = new PixelRect(0, 100, 100, 0);   // left, right, bottom, top

        var inside = DashedLine.Clip(new Pixel(50, 50), new Pixel(50, -1e6f), rect);

        Assert.Equal((new Pixel(50, 50), new Pixel(50, 0)), (inside!.Value.Pixel1, inside.Value.Pixel2));
        Assert.Null(DashedLine.Clip(new Pixel(-10, -10), new Pixel(-10, 200), rect));
    }
}

using Bench.Reports.Html;
using Bench.Results;
using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>Saves a chart as &lt;scenario&gt;-&lt;slug&gt;.png and .svg under the run's charts/ folder.</summary>
public static class ChartWriter
{
    public static async Task<ChartFile> SaveAsync(Chart chart, string chartsDirectory, string scenario, CancellationToken cancellationToken)
    {
        string stem = Path.Combine(chartsDirectory, $"{scenario}-{chart.Slug}");
        byte[] png = chart.Plot.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png);
        string svg = SvgInline.RenumberIds(chart.Plot.GetSvgXml(ChartStyle.Width, ChartStyle.Height), chart.Slug);
        await File.WriteAllBytesAsync(stem + ".png", png, cancellationToken);
        await AtomicFile.WriteAllTextAsync(stem + ".svg", svg, cancellationToken);
        return new ChartFile(chart.Slug, chart.Title, chart.Caption, stem + ".png", stem + ".svg", SvgInline.Prepare(svg, $"{scenario}-{chart.Slug}", chart.Title));
    }
}

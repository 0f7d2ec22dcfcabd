using Bench.Reports;
using Bench.Tests.Support;
using SkiaSharp;

namespace Bench.Tests.Reports;

/// <summary>Charts and report.html from a run recorded with the real writers and real HDR histograms.</summary>
public sealed class ReportWriterTests(ReportFixture run) : IClassFixture<ReportFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Charts = ["throughput", "latency", "percentiles", "timeline", "resources", "scheduling", "errors"];
    private static readonly string[] Scenarios = ["io", "rate"];

    [Fact]
    public void Every_scenario_gets_every_chart_as_png_and_svg_under_charts()
    {
        var expected = Scenarios.SelectMany(s => Charts.SelectMany(c => new[] { $"{s}-{c}.png", $"{s}-{c}.svg" })).Order();

        Assert.Equal(expected, Directory.GetFiles(Path.Combine(run.Directory, "charts")).Select(Path.GetFileName).Order());
        Assert.Equal(expected, run.Files.ChartPaths.Select(Path.GetFileName).Order());
        Assert.Equal(Path.Combine(run.Directory, "report.html"), run.Files.HtmlPath);
    }

    [Fact]
    public void Every_png_is_a_960_by_540_picture_with_something_drawn_on_it()
    {
        foreach (string png in run.Files.ChartPaths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal((960, 540), (bitmap.Width, bitmap.Height));

            // Luminance over a grid: a blank or single-colour image has no spread and no ink.
            var luminance = new List<double>();
            for (int y = 0; y < bitmap.Height; y += 3)
            {
                for (int x = 0; x < bitmap.Width; x += 3)
                {
                    var c = bitmap.GetPixel(x, y);
                    luminance.Add((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue));
                }
            }

            double mean = luminance.Average();
            double stdev = Math.Sqrt(luminance.Average(l => (l - mean) * (l - mean)));
            double ink = luminance.Count(l => l < 200) / (double)luminance.Count;
            Assert.True(stdev > 15, $"{png}: luminance spread {stdev:0.0}, looks blank");
            Assert.InRange(ink, 0.005, 0.6);
            Assert.True(new FileInfo(png).Length > 10_000, $"{png}: {new FileInfo(png).Length} bytes");
        }
    }

    [Fact]
    public void Every_svg_has_its_title_axes_and_lines_as_vector_drawing()
    {
        foreach (string svg in run.Files.ChartPaths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(svg);
            Assert.StartsWith("<?xml", text, StringComparison.Ordinal);
            Assert.True(text.Split("<path").Length > 20, $"{svg}: too few paths");
            Assert.Contains("<text", text, StringComparison.Ordinal);
            Assert.True(text.Length > 8_000, $"{svg}: {text.Length} characters");
        }
    }

    [Fact]
    public void A_target_has_the_same_colour_in_every_chart_of_the_run_and_in_the_tables()
    {
        var palette = new TargetPalette(run.Results);
        string sync = palette.HexOf("sync"), async = palette.HexOf("async");
        string html = File.ReadAllText(run.Files.HtmlPath);

        Assert.NotEqual(sync, async);
        Assert.All(run.Files.ChartPaths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)), svg =>
        {
            string text = File.ReadAllText(svg);
            Assert.Contains(sync, text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(async, text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains($"background:{sync}\"></span>sync</td>", html, StringComparison.Ordinal);
        Assert.Contains($"background:{async}\"></span>async</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerating_from_results_json_alone_writes_the_same_page()
    {
        string written = await File.ReadAllTextAsync(run.Files.HtmlPath, Ct);

        var again = await ReportWriter.RegenerateAsync(run.Directory, Ct);

        Assert.Equal(written, await File.ReadAllTextAsync(again.HtmlPath, Ct));
        Assert.Equal(run.Files.ChartPaths.Order(), again.ChartPaths.Order());
    }

    [Fact]
    public void The_page_is_self_contained_no_script_no_link_to_another_host()
    {
        string html = File.ReadAllText(run.Files.HtmlPath);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        Assert.Equal(14, html.Split("<svg").Length - 1);
        Assert.Contains("id=\"io-throughput-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_states_the_model_per_target_and_marks_invalid_results_in_red_with_the_reason()
    {
        string html = File.ReadAllText(run.Files.HtmlPath);

        Assert.Contains("It follows the ideal up to 1 connection (within 2.7 %) and departs at 4: 49 requests/s, 26 % of the ideal 191 — the knee.", html, StringComparison.Ordinal);
        Assert.Contains("it sits on the one-at-a-time bound", html, StringComparison.Ordinal);
        Assert.Contains("It follows the ideal line at every level measured", html, StringComparison.Ordinal);
        Assert.Contains("Left out as invalid: level 256.", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"problem\"><b>threads</b> failed verification and was not measured: GET /io?ms=20: expected 200, got 500</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"problem\"><b>async at 256</b>: the generator&#39;s core was saturated</p>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<tr class=\"invalid\">").Skip(1));
        Assert.Contains("<td class=\"notes\">64 unanswered at the end (not yet timed out)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"notes\">noisy: 11% of cores 0,1 taken by other work (steal 10%, other processes 1%)</td>", html, StringComparison.Ordinal);
        Assert.Contains("Keeps up with the rate up to 25 requests/s offered, falls behind at 100: 48.5 requests/s, 49 % of the rate.", html, StringComparison.Ordinal);
    }
}

using Bench.Tests.Support;
using Microsoft.Playwright;

namespace Bench.Tests.Reports;

/// <summary>
/// report.html as a reader opens it: Debian's Chromium, headless, driven by Playwright (its bundled node driver; no
/// browser is downloaded), with every background network feature off. The screenshot is kept under artifacts/report/.
/// </summary>
public sealed class ReportBrowserTests(ReportFixture run) : IClassFixture<ReportFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_report_opens_offline_with_every_chart_drawn_and_a_row_per_target_and_level()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/setup.sh installs Debian's chromium");
        string profile = Directory.CreateTempSubdirectory("bench-chromium-").FullName;
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
                ViewportSize = new() { Width = 1400, Height = 900 },
                Timeout = 30_000,
            });
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            var problems = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
            page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
            page.Request += (_, request) => requests.Add(request.Url);

            await page.GotoAsync(new Uri(run.Files.HtmlPath).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

            var charts = await page.EvalOnSelectorAllAsync<double[][]>("figure svg", "all => all.map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })");
            var rows = await page.EvalOnSelectorAllAsync<int[]>("section.scenario table.summary", "all => all.map(t => t.tBodies[0].rows.length)");
            string invalidColour = await page.EvalOnSelectorAsync<string>("tr.invalid td", "td => getComputedStyle(td).color");
            string screenshots = Directory.CreateDirectory(RepositoryFiles.PathOf("artifacts", "report")).FullName;
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "report.png"), FullPage = true });
            File.Copy(run.Files.HtmlPath, Path.Combine(screenshots, "report.html"), overwrite: true);

            Assert.Empty(problems);
            Assert.Equal([new Uri(run.Files.HtmlPath).AbsoluteUri], requests);   // one file: nothing else is fetched
            Assert.Equal(14, charts.Length);
            Assert.All(charts, size => Assert.True(size[0] > 300 && size[1] > 150, $"a chart drawn at {size[0]}×{size[1]}"));
            Assert.Equal([2 * SyntheticRun.Levels.Length, 2 * SyntheticRun.Rates.Length], rows);
            Assert.Equal("rgb(176, 0, 32)", invalidColour);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}

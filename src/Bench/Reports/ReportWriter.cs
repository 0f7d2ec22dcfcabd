using Bench.Reports.Charts;
using Bench.Reports.Html;
using Bench.Reports.Micro;
using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// Charts (charts/&lt;scenario&gt;-&lt;chart&gt;.png|svg) and report.html in a run folder. <c>bench run</c> calls
/// <see cref="WriteAsync"/> with the results it recorded; <c>bench report</c> calls <see cref="RegenerateAsync"/>,
/// which needs nothing but results.json.
/// </summary>
public static class ReportWriter
{
    public const string FileName = "report.html";
    public const string ChartsFolder = "charts";

    public static async Task<ReportFiles> WriteAsync(string runDirectory, RunResults results, CancellationToken cancellationToken)
    {
        string charts = Directory.CreateDirectory(Path.Combine(runDirectory, ChartsFolder)).FullName;
        var palette = new TargetPalette(results);
        var scenarios = new List<ScenarioReport>();
        foreach (var scenario in results.Scenarios)
        {
            var view = ScenarioView.From(scenario, results.Run);
            var files = new List<ChartFile>();
            foreach (var chart in ChartSet.For(view, palette))
            {
                using (chart)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    files.Add(await ChartWriter.SaveAsync(chart, charts, scenario.Name, cancellationToken));
                }
            }

            scenarios.Add(new ScenarioReport(view, files));
        }

        string html = Path.Combine(runDirectory, FileName);
        await AtomicFile.WriteAllTextAsync(html, ReportPage.Write(results, scenarios, palette, MicroReading.Of(runDirectory)), cancellationToken);
        return new ReportFiles(html, scenarios.SelectMany(s => s.Charts).SelectMany(c => new[] { c.PngPath, c.SvgPath }).ToArray());
    }

    /// <summary>
    /// Reads &lt;runDirectory&gt;/results.json and writes the report beside it. A missing folder or file, or one that
    /// is not a results.json of this version, or a micro.json beside it that is not one, throws
    /// <see cref="InvalidDataException"/> with a one-line message.
    /// </summary>
    public static async Task<ReportFiles> RegenerateAsync(string runDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(runDirectory))
        {
            throw new InvalidDataException($"{runDirectory}: no such folder");
        }

        string path = Path.Combine(runDirectory, ResultsJson.FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: not found; a run folder holds the results.json that bench run wrote");
        }

        var results = await ResultsJson.ReadAsync(path, cancellationToken);
        _ = MicroResults.TryRead(runDirectory); // a malformed micro.json is bad input here too (bench run shows it on the page instead)
        return await WriteAsync(runDirectory, results, cancellationToken);
    }
}

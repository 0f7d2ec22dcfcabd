using Bench.Reports;
using Bench.Reports.Micro;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Reports.Html;

/// <summary>
/// The report's "Micro benchmarks" section: there when the run folder holds a micro.json (bench run's report and bench
/// report alike), absent otherwise, and a malformed file said on the page by bench run, refused by bench report.
/// </summary>
public sealed class MicroSectionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Fixture = RepositoryFiles.PathOf("tests", "Bench.Tests", "Reports", "Fixtures", "micro.json");

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-report-micro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MicroPath => Path.Combine(_dir, MicroResults.FileName);

    // No scenario: no chart to draw, so the page is quick to make and only the micro section differs.
    private async Task<string> ReportAsync()
    {
        var files = await ReportWriter.WriteAsync(_dir, RunResults.Start(SampleResults.Run()), Ct);
        return await File.ReadAllTextAsync(files.HtmlPath, Ct);
    }

    [Fact]
    public async Task Given_micro_json_in_the_run_folder_When_the_report_is_written_Then_it_has_a_table_of_what_one_op_is_its_ns_and_allocation()
    {
        File.Copy(Fixture, MicroPath);

        string html = await ReportAsync();

        Assert.Contains("<li><a href=\"#micro\">micro benchmarks</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"micro\">\n<h2>Micro benchmarks</h2>", html, StringComparison.Ordinal);
        Assert.Contains("BenchmarkDotNet 0.15.8 (ShortRun(Toolchain=InProcessEmitToolchain, IterationCount=3, LaunchCount=1, WarmupCount=3)) on AMD EPYC, 2026-12-02 11:30 +00:00", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>SuspendResume.Callbacks</td><td class=\"notes\">one resumption as a callback: a cached Action&lt;object&gt; called with its state</td><td>1.63</td><td>0.21</td><td>0 B</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>SuspendResume.Awaits</td><td class=\"notes\">one resumption as an await: a stored continuation of a reusable class awaiter called</td><td>27.3</td><td>–</td><td>0 B</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>ThreadStartJoin.NewThread</td><td class=\"notes\">one new Thread started and joined (an empty body)</td><td>61,205</td><td>5,211</td><td>2.3 KiB</td></tr>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"micro\"", StringComparison.Ordinal) < html.IndexOf("id=\"run\"", StringComparison.Ordinal), "the micro section comes before the run's metadata");
    }

    [Fact]
    public async Task Given_no_micro_json_When_the_report_is_written_Then_it_has_no_micro_section()
    {
        string html = await ReportAsync();

        Assert.DoesNotContain("Micro benchmarks", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#micro", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_malformed_micro_json_When_bench_run_writes_its_report_Then_the_page_says_what_is_wrong_and_where()
    {
        await File.WriteAllTextAsync(MicroPath, "{\n  \"schemaVersion\": one\n}", Ct);

        string html = await ReportAsync();

        Assert.Contains($"<section id=\"micro\">\n<h2>Micro benchmarks</h2>\n<p class=\"problem\">{MicroPath}:2:20: not a micro.json: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"summary micro\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_malformed_micro_json_When_bench_report_regenerates_Then_it_refuses_in_one_line_with_the_location()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, ResultsJson.FileName), ResultsJson.Serialize(RunResults.Start(SampleResults.Run())), Ct);
        await File.WriteAllTextAsync(MicroPath, "{\n  \"schemaVersion\": one\n}", Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReportWriter.RegenerateAsync(_dir, Ct));

        Assert.StartsWith($"{MicroPath}:2:20: not a micro.json: ", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, ReportWriter.FileName)));
    }

    [Fact]
    public async Task Given_micro_json_When_bench_report_regenerates_Then_the_section_is_there()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, ResultsJson.FileName), ResultsJson.Serialize(RunResults.Start(SampleResults.Run())), Ct);
        File.Copy(Fixture, MicroPath);

        var files = await ReportWriter.RegenerateAsync(_dir, Ct);

        Assert.Contains("<h2>Micro benchmarks</h2>", await File.ReadAllTextAsync(files.HtmlPath, Ct), StringComparison.Ordinal);
    }
}

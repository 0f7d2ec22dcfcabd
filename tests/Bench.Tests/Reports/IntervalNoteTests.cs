using Bench.Reports;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>The report shows each cell's throughput interval over its repeats and, with repeats: auto, whether it converged.</summary>
public sealed class IntervalNoteTests : IDisposable
{
    private static readonly AutoRepeatsDefinition Auto = new(3, 5, 5);

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-report-interval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_converged_cell_says_its_interval_and_after_how_many_repeats()
    {
        Assert.Equal("95 % interval 1,000 ± 2.5 % req/s (n = 3), converged after 3 repeats", IntervalNote.Of(new CellInterval("async", 1, 3, 3, 1000, 25, true), Auto));
    }

    [Fact]
    public void A_cell_that_did_not_converge_says_so_with_the_bound_it_missed()
    {
        Assert.Equal(
            "95 % interval 1,000 ± 12 % req/s (n = 5), not converged within ±5 % after 5 of at most 5 repeats",
            IntervalNote.Of(new CellInterval("async", 1, 5, 5, 1000, 120, false), Auto));
    }

    [Fact]
    public void A_fixed_count_shows_the_interval_alone_and_one_repeat_shows_nothing()
    {
        Assert.Equal("95 % interval 48 ± 4.2 % req/s (n = 2)", IntervalNote.Of(new CellInterval("sync", 1, 2, 2, 48, 2, null), null));
        Assert.Null(IntervalNote.Of(new CellInterval("sync", 1, 1, 1, 48, null, null), null));
        Assert.Null(IntervalNote.Of(null, Auto));
    }

    [Fact]
    public async Task The_summary_table_of_report_html_shows_the_interval_and_the_setup_says_auto()
    {
        var definition = ScenarioDefinition.From(SampleResults.Scenario("auto"));
        var scenario = new ScenarioResults("io", definition, [], [SampleResults.Level("sync", 64, 1, 48), SampleResults.Level("sync", 64, 2, 49), SampleResults.Level("sync", 64, 3, 50)])
        {
            Intervals = [new CellInterval("sync", 64, 3, 3, 49, 2.484, true)],
        };

        var files = await ReportWriter.WriteAsync(_dir, RunResults.Start(SampleResults.Run()) with { Scenarios = [scenario] }, TestContext.Current.CancellationToken);
        string html = System.Net.WebUtility.HtmlDecode(await File.ReadAllTextAsync(files.HtmlPath, TestContext.Current.CancellationToken));

        Assert.Contains("median of 3 repeats; 95 % interval 49 ± 5.1 % req/s (n = 3), converged after 3 repeats", html, StringComparison.Ordinal);
        Assert.Contains("3 to 5 repeats until the throughput's 95 % interval is within ±5 %", html, StringComparison.Ordinal);
    }
}

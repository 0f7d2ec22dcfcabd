using Bench.Reports;
using Bench.Reports.Charts;
using Bench.Reports.Html;
using Bench.Reports.Micro;
using Bench.Results;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Reports.Html;

/// <summary>The Lessons page: each claim with its gates, what was measured, PASS or FAIL, and its chart; scenarios without a claim are not lessons.</summary>
public sealed class LessonsSectionTests
{
    private const string Claim = "I/O-bound requests scale with connections on async, and stay flat on sync";

    private static RunResults Results(double asyncRps, string? claim = Claim)
    {
        string claimLine = claim is null ? "" : $"claim: {claim}";
        var scenario = Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse($$"""
            name: lesson-io
            description: every request waits
            {{claimLine}}
            targets: [sync, async]
            request: { path: "/io?ms=20" }
            cites: [SuspendResume.Awaits, Nope.Missing]
            load: { levels: [1, 64] }
            gates:
              - { gate: "async@64 throughput / sync@64 throughput >= 10", why: "async overlaps the waits" }
              - "async@64 throughput regression < 10%"
            """, "lesson.yaml"));
        return RunResults.Start(SampleResults.Run()) with
        {
            Scenarios = [new ScenarioResults("lesson-io", ScenarioDefinition.From(scenario), [], [SampleResults.Level("sync", 64, 1, 48), SampleResults.Level("async", 64, 1, asyncRps)])],
        };
    }

    private static string Page(RunResults results, params ChartFile[] charts) => Page(results, null, charts);

    private static string Page(RunResults results, MicroReading? micro, params ChartFile[] charts) =>
        ReportPage.Write(results, results.Scenarios.Select(s => new ScenarioReport(ScenarioView.From(s, results.Run), charts)).ToArray(), new TargetPalette(results), micro);

    private static ChartFile Chart(string slug) =>
        new(slug, slug + " chart", "caption", $"/x/{slug}.png", $"/x/{slug}.svg", $"<svg role=\"img\"><clipPath id=\"{slug}-1\"></clipPath><g clip-path=\"url(#{slug}-1)\"></g></svg>");

    [Fact]
    public void A_claim_that_held_shows_pass_with_each_gate_its_reason_and_what_was_measured()
    {
        string html = Page(Results(3000));

        Assert.Contains("<li><a href=\"#lessons\">Lessons</a></li>", html, StringComparison.Ordinal);
        Assert.Contains($"<h3>{Claim}</h3>\n<p class=\"held\"><b>PASS</b> — held: its one check passed</p>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td><code>async@64 throughput / sync@64 throughput &gt;= 10</code></td><td>async overlaps the waits</td><td>62.5 (3000 req/s / 48 req/s) (expected &gt;= 10)</td><td>PASS</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("regression", html[html.IndexOf("id=\"lessons\"", StringComparison.Ordinal)..html.IndexOf("class=\"scenario\"", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_that_failed_on_this_machine_says_so_in_red()
    {
        string html = Page(Results(240));

        Assert.Contains("<p class=\"problem\"><b>FAIL</b> — 1 of 1 check failed: the claim did not hold on this machine in this run</p>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"problem\"><td><code>async@64 throughput / sync@64 throughput &gt;= 10</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>FAIL</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lesson_shows_the_chart_of_what_its_first_gate_measures_with_ids_of_its_own()
    {
        string html = Page(Results(3000), Chart(LatencyChart.Slug), Chart(ThroughputChart.Slug));

        string lessons = html[html.IndexOf("id=\"lessons\"", StringComparison.Ordinal)..html.IndexOf("class=\"scenario\"", StringComparison.Ordinal)];
        Assert.Contains("<b>throughput chart.</b>", lessons, StringComparison.Ordinal);
        Assert.DoesNotContain("latency chart", lessons, StringComparison.Ordinal);
        Assert.Contains("id=\"lesson-lesson-io-throughput-1\"", lessons, StringComparison.Ordinal);
        Assert.Contains("url(#lesson-lesson-io-throughput-1)", lessons, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_claims_has_no_lessons_page()
    {
        string html = Page(Results(3000, claim: null));

        Assert.DoesNotContain("id=\"lessons\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#lessons\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lesson_quotes_the_micro_benchmarks_it_cites_when_the_run_has_them()
    {
        string folder = RepositoryFiles.PathOf("tests", "Bench.Tests", "Reports", "Fixtures");
        var micro = new MicroReading(MicroResults.TryRead(folder), null);

        string html = Page(Results(3000), micro);

        var record = micro.Results!.Find("SuspendResume.Awaits")!;
        Assert.Contains($"<li><code>SuspendResume.Awaits</code>: {record.MeanNs:0.0} ns — {System.Net.WebUtility.HtmlEncode(record.Op)}</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><code>Nope.Missing</code>: not in this run's micro.json</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_micro_results_a_lesson_says_how_to_measure_what_it_cites()
    {
        string html = Page(Results(3000));

        Assert.Contains("It depends on what SuspendResume.Awaits, Nope.Missing cost: <code>scripts/micro.sh &lt;this run's folder&gt;</code>", html, StringComparison.Ordinal);
    }
}

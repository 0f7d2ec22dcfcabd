using Bench.Reports;
using Bench.Reports.Html;
using Bench.Results;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>summary.md and report.html show each gate's outcome on the run, with the sentence saying why it should hold.</summary>
public sealed class GateExplanationReportTests
{
    private const string Why = "async waits on timers, so 64 connections overlap their waits";

    private static RunResults Results()
    {
        var scenario = Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse($$"""
            name: io
            description: d
            targets: [sync, async]
            request: { path: "/io?ms=20" }
            load: { levels: [1, 64] }
            gates:
              - { gate: "async@64 throughput / sync@64 throughput >= 10", why: "{{Why}}" }
              - "*@64 errorRate < 1%"
              - "async@64 throughput regression < 10%"
            """, "io.yaml"));
        return RunResults.Start(SampleResults.Run()) with
        {
            Scenarios = [new ScenarioResults("io", ScenarioDefinition.From(scenario), [], [SampleResults.Level("sync", 64, 1, 48), SampleResults.Level("async", 64, 1, 3000)])],
        };
    }

    [Fact]
    public void Summary_md_gives_each_gate_its_outcome_and_its_explanation()
    {
        string md = SummaryMarkdown.Write(Results());

        Assert.Contains($"- `async@64 throughput / sync@64 throughput >= 10` — pass: measured 62.5 (3000 req/s / 48 req/s), expected >= 10. Why: {Why}\n", md, StringComparison.Ordinal);
        Assert.Contains("- `*@64 errorRate < 1%` — sync@64 errorRate < 1%: pass: measured 0%, expected < 1%; async@64 errorRate < 1%: pass: measured 0%, expected < 1%\n", md, StringComparison.Ordinal);
        Assert.Contains("- `async@64 throughput regression < 10%` — checked by `bench gate` against the baseline\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_html_gives_each_gate_its_outcome_and_its_explanation()
    {
        var results = Results();

        string html = ReportPage.Write(results, results.Scenarios.Select(s => new ScenarioReport(ScenarioView.From(s, results.Run), [])).ToArray(), new TargetPalette(results));

        Assert.Contains("<li><code>async@64 throughput / sync@64 throughput &gt;= 10</code> — pass: measured 62.5 (3000 req/s / 48 req/s), expected &gt;= 10<br><span class=\"why\">Why: " + Why + "</span></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><code>async@64 throughput regression &lt; 10%</code> — checked by <code>bench gate</code> against the baseline</li>", html, StringComparison.Ordinal);
    }
}

using Bench.Reports;
using Bench.Reports.Html;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>summary.md and report.html say, once per scenario that placed its targets itself, where they ran.</summary>
public sealed class ScenarioPlacementReportTests
{
    private const string Line = "Targets of this scenario ran on cores 0-1 without a CPU quota (the run's: cores 0 without a CPU quota); the generator stayed on cores 1.";

    private static RunResults Results(PlacementDefinition? placement)
    {
        var definition = ScenarioDefinition.From(SampleResults.Scenario()) with { Placement = placement };
        return RunResults.Start(SampleResults.Run()) with
        {
            Scenarios = [new ScenarioResults("io", definition, [], [SampleResults.Level("sync", 1, 1, 48)])],
        };
    }

    private static string Page(RunResults results) =>
        ReportPage.Write(results, results.Scenarios.Select(s => new ScenarioReport(ScenarioView.From(s, results.Run), [])).ToArray(), new TargetPalette(results));

    [Fact]
    public void Given_a_scenario_placement_summary_md_says_where_its_targets_ran_beside_the_run_s()
    {
        Assert.Contains("\n" + Line + "\n", SummaryMarkdown.Write(Results(new PlacementDefinition("0-1", null))), StringComparison.Ordinal);
        Assert.DoesNotContain("Targets of this scenario", SummaryMarkdown.Write(Results(null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_scenario_placement_report_html_says_where_its_targets_ran_beside_the_run_s()
    {
        Assert.Contains($"<p class=\"note\">{System.Net.WebUtility.HtmlEncode(Line)}</p>", Page(Results(new PlacementDefinition("0-1", null))), StringComparison.Ordinal);
        Assert.DoesNotContain("Targets of this scenario", Page(Results(null)), StringComparison.Ordinal);
    }
}

using System.Text;
using Bench.Gates;
using Bench.Gates.Syntax;
using Bench.Reports.Charts;
using Bench.Results;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>
/// The Lessons page at the top of report.html: for each scenario with a claim, the claim, each gate with why it
/// should hold and what this run measured, whether the claim held here, and the chart that shows it. A claim that
/// fails is said to fail, in red: on this machine, that is the result.
/// </summary>
internal static class LessonsSection
{
    public const string Anchor = "lessons";

    public static bool Any(IReadOnlyList<ScenarioReport> scenarios) => scenarios.Any(s => s.View.Scenario.Definition.Claim is not null);

    public static void Append(StringBuilder html, IReadOnlyList<ScenarioReport> scenarios)
    {
        var lessons = scenarios.Where(s => s.View.Scenario.Definition.Claim is not null).ToArray();
        if (lessons.Length == 0)
        {
            return;
        }

        html.Append($"<section id=\"{Anchor}\">\n<h2>Lessons</h2>\n")
            .Append("<p class=\"muted\">Each claim below was put to the test by its scenario's gates, on ratios of this run's own numbers. ")
            .Append("It <b>held</b> when every gate passed; when one failed, the claim did not hold on this machine in this run, and the page says so.</p>\n");
        foreach (var lesson in lessons)
        {
            AppendLesson(html, lesson);
        }

        html.Append("</section>\n");
    }

    private static void AppendLesson(StringBuilder html, ScenarioReport lesson)
    {
        var scenario = lesson.View.Scenario;
        var definition = scenario.Definition;
        var gates = GateLines.Of(scenario).Where(g => !g.NeedsBaseline).ToArray();
        var verdict = Verdict(gates);
        string name = HtmlEncode(definition.Name);
        html.Append($"<article class=\"lesson-card\" id=\"lesson-{name}\">\n<h3>{HtmlEncode(definition.Claim!)}</h3>\n")
            .Append($"<p class=\"{(verdict.Held ? "held" : "problem")}\"><b>{HtmlEncode(verdict.Word)}</b> — {HtmlEncode(verdict.Detail)}</p>\n")
            .Append($"<p class=\"lesson\">{HtmlEncode(definition.Description)}</p>\n<table>\n<thead><tr><th>gate</th><th>why it should hold</th><th>measured</th><th>outcome</th></tr></thead>\n<tbody>\n");
        foreach (var gate in gates)
        {
            foreach (var check in gate.Checks)
            {
                string outcome = check.Status == GateStatus.Passed ? "PASS" : check.Status == GateStatus.Failed ? "FAIL" : "invalid";
                html.Append(check.Status == GateStatus.Passed ? "<tr>" : "<tr class=\"problem\">")
                    .Append($"<td><code>{HtmlEncode(check.Gate)}</code></td><td>{HtmlEncode(gate.Gate.Why ?? "")}</td>")
                    .Append($"<td>{HtmlEncode(check.Measured)} (expected {HtmlEncode(check.Expected)}){(check.Note is { } note ? $"<br><span class=\"muted\">{HtmlEncode(note)}</span>" : "")}</td>")
                    .Append($"<td>{outcome}</td></tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
        if (ChartFor(lesson, gates) is { } chart)
        {
            // The same chart is in the scenario's section too: its ids are renamed so the two copies' clip paths stay apart.
            html.Append($"<figure>\n{SvgInline.RenumberIds(chart.InlineSvg, $"lesson-{definition.Name}-{chart.Slug}")}\n")
                .Append($"<figcaption><b>{HtmlEncode(chart.Title)}.</b> {HtmlEncode(chart.Caption)}</figcaption>\n</figure>\n");
        }

        html.Append($"<p class=\"muted\">Every number of it: <a href=\"#scenario-{name}\">{name}</a>.</p>\n</article>\n");
    }

    /// <summary>Held when every check passed; not held when one failed; not decided when none failed but one could not be read.</summary>
    private static (bool Held, string Word, string Detail) Verdict(IReadOnlyList<GateLines> gates)
    {
        var checks = gates.SelectMany(g => g.Checks).ToArray();
        int failed = checks.Count(c => c.Status == GateStatus.Failed);
        int invalid = checks.Count(c => c.Status is not (GateStatus.Passed or GateStatus.Failed));
        return checks.Length == 0 ? (false, "NOT TESTED", "the scenario has no gate this run could check")
            : failed > 0 ? (false, "FAIL", $"{failed} of {checks.Length} {(checks.Length == 1 ? "gate" : "gates")} failed: the claim did not hold on this machine in this run")
            : invalid > 0 ? (false, "NOT DECIDED", $"{invalid} of {checks.Length} gates could not be read (see their notes)")
            : (true, "PASS", checks.Length == 1 ? "held: its gate passed" : $"held: all {checks.Length} gates passed");
    }

    /// <summary>The chart of what the first gate measures: latency for a percentile, resources for CPU or memory, else throughput.</summary>
    private static ChartFile? ChartFor(ScenarioReport lesson, IReadOnlyList<GateLines> gates)
    {
        var metric = gates.Select(g => GateParser.TryParse(g.Gate.Expression, out var parsed, out _) ? parsed.Subject.Metric : (GateMetric?)null)
            .FirstOrDefault(m => m is not null);
        string slug = metric switch
        {
            GateMetric.Mean or GateMetric.P50 or GateMetric.P90 or GateMetric.P99 or GateMetric.P999 or GateMetric.Max => LatencyChart.Slug,
            GateMetric.CpuMsPerRequest or GateMetric.PeakRss => ResourcesChart.Slug,
            _ => ThroughputChart.Slug,
        };
        return lesson.Charts.FirstOrDefault(c => c.Slug == slug) ?? (lesson.Charts.Count > 0 ? lesson.Charts[0] : null);
    }
}

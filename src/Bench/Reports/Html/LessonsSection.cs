using System.Text;
using Bench.Gates;
using Bench.Gates.Syntax;
using Bench.Queueing;
using Bench.Reports.Charts;
using Bench.Reports.Micro;
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

    public static void Append(StringBuilder html, IReadOnlyList<ScenarioReport> scenarios, MicroReading? micro = null)
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
            AppendLesson(html, lesson, micro?.Results);
        }

        html.Append("</section>\n");
    }

    private static void AppendLesson(StringBuilder html, ScenarioReport lesson, MicroResults? micro)
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
        if (definition.Simul is { } simul)
        {
            AppendSimul(html, simul, scenario.Results);
        }

        AppendCites(html, definition.Cites, micro);
        if (ChartFor(lesson, gates) is { } chart)
        {
            // The same chart is in the scenario's section too: its ids are renamed so the two copies' clip paths stay apart.
            html.Append($"<figure>\n{SvgInline.RenumberIds(chart.InlineSvg, $"lesson-{definition.Name}-{chart.Slug}")}\n")
                .Append($"<figcaption><b>{HtmlEncode(chart.Title)}.</b> {HtmlEncode(chart.Caption)}</figcaption>\n</figure>\n");
        }

        html.Append($"<p class=\"muted\">Every number of it: <a href=\"#scenario-{name}\">{name}</a>.</p>\n</article>\n");
    }

    /// <summary>What one operation the lesson depends on costs, from the micro benchmarks run beside this run (micro.json).</summary>
    private static void AppendCites(StringBuilder html, IReadOnlyList<string> cites, MicroResults? micro)
    {
        if (cites.Count == 0)
        {
            return;
        }

        if (micro is null)
        {
            html.Append($"<p class=\"muted\">It depends on what {HtmlEncode(string.Join(", ", cites))} cost: <code>scripts/micro.sh &lt;this run's folder&gt;</code> measures them beside the run and this page then quotes them (docs/micro.md).</p>\n");
            return;
        }

        html.Append("<p>What it depends on, measured beside this run by BenchmarkDotNet:</p>\n<ul class=\"model\">\n");
        foreach (string name in cites)
        {
            html.Append(micro.Find(name) is { } benchmark
                ? $"<li><code>{HtmlEncode(name)}</code>: {HtmlEncode(Format.Fixed(benchmark.MeanNs, benchmark.MeanNs >= 100 ? "#,0" : "0.0"))} ns — {HtmlEncode(benchmark.Op)}</li>\n"
                : $"<li><code>{HtmlEncode(name)}</code>: not in this run's micro.json</li>\n");
        }

        html.Append("</ul>\n");
    }

    /// <summary>Each target's game beside its prediction, scaled as run and at real scale; and what the predictions say.</summary>
    private static void AppendSimul(StringBuilder html, SimulDefinition simul, IReadOnlyList<LevelResult> results)
    {
        html.Append($"<p>Played {Format.Fixed(simul.TimeScale, "0")} times faster than real. At real scale the predictions are: one board at a time {HtmlEncode(SimulWords.RealScale(simul.OneBoardAtATimeSeconds * simul.TimeScale))}, ")
            .Append($"switching while opponents think {HtmlEncode(SimulWords.RealScale(simul.SwitchingSeconds * simul.TimeScale))}")
            .Append(simul.SwitchMs > 0 ? $", and {HtmlEncode(SimulWords.RealScale(simul.SwitchingWithCostSeconds * simul.TimeScale))} if each switch cost {HtmlEncode(SimulWords.RealScale(simul.SwitchMs / 1000))} (a server's switch costs microseconds: the games are held against the first two).</p>\n" : ".</p>\n")
            .Append("<table>\n<thead><tr><th>target</th><th>measured</th><th>predicted</th><th>measured ÷ predicted</th><th>measured at real scale</th></tr></thead>\n<tbody>\n");
        foreach (var game in results.Where(r => r.PredictedSeconds is not null))
        {
            html.Append($"<tr><td>{HtmlEncode(game.Target)}</td><td>{Format.Fixed(game.DurationSeconds, "0.0")} s</td><td>{Format.Fixed(game.PredictedSeconds!.Value, "0.0")} s</td>")
                .Append($"<td>{Format.Fixed(game.DurationSeconds / game.PredictedSeconds.Value, "0.00")}</td><td>{HtmlEncode(SimulWords.RealScale(game.DurationSeconds * simul.TimeScale))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Held when every check passed; not held when one failed; not decided when none failed but one could not be read.</summary>
    private static (bool Held, string Word, string Detail) Verdict(IReadOnlyList<GateLines> gates)
    {
        var checks = gates.SelectMany(g => g.Checks).ToArray();
        int failed = checks.Count(c => c.Status == GateStatus.Failed);
        int invalid = checks.Count(c => c.Status is not (GateStatus.Passed or GateStatus.Failed));
        return checks.Length == 0 ? (false, "NOT TESTED", "the scenario has no gate this run could check")
            : failed > 0 ? (false, "FAIL", $"{failed} of {checks.Length} {(checks.Length == 1 ? "check" : "checks")} failed: the claim did not hold on this machine in this run")
            : invalid > 0 ? (false, "NOT DECIDED", $"{invalid} of {checks.Length} checks could not be read (see their notes)")
            : (true, "PASS", checks.Length == 1 ? "held: its one check passed" : $"held: all {checks.Length} checks passed");
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

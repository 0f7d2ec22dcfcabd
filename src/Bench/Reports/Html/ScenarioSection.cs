using System.Text;
using Bench.Queueing;
using Bench.Results;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>A scenario's section: its lesson, what it ran, problems in red, the model in words, the charts, the table.</summary>
internal static class ScenarioSection
{
    public static void Append(StringBuilder html, ScenarioReport report, TargetPalette palette, PinningInfo run)
    {
        var view = report.View;
        var definition = view.Scenario.Definition;
        html.Append($"<section class=\"scenario\" id=\"scenario-{HtmlEncode(view.Name)}\">\n<h2>{HtmlEncode(view.Name)}</h2>\n")
            .Append($"<p class=\"lesson\">{HtmlEncode(definition.Description)}</p>\n")
            .Append($"<p class=\"muted\">{HtmlEncode(Setup(definition))}</p>\n");
        if (definition.Placement is { } placement)
        {
            html.Append($"<p class=\"note\">{HtmlEncode(placement.Describe(run))}</p>\n");
        }
        foreach (var failed in view.Scenario.Verification.Where(v => !v.Valid))
        {
            html.Append($"<p class=\"problem\"><b>{HtmlEncode(failed.Target)}</b> failed verification and was not measured: {HtmlEncode(failed.Reason ?? "no reason given")}</p>\n");
        }

        var containers = view.Scenario.Verification.Where(v => v.Valid && v.Image is not null).ToList();
        if (containers.Count > 0)
        {
            html.Append($"<p class=\"muted\">Containers: {HtmlEncode(string.Join(", ", containers.Select(c => $"{c.Target} ran {c.Image}")))}</p>\n");
        }

        foreach (string target in view.Targets)
        {
            foreach (var cell in view.Row(target).Where(c => c.Problems.Count > 0))
            {
                html.Append($"<p class=\"problem\"><b>{HtmlEncode(target)} at {Format.Number(cell.Level)}</b>: {HtmlEncode(string.Join("; ", cell.Problems))}</p>\n");
            }
        }

        if (view.Targets.Count == 0)
        {
            html.Append("<p class=\"problem\">No level was measured.</p>\n");
            AppendGates(html, view.Scenario);
            html.Append("</section>\n");
            return;
        }

        html.Append(view.IsClosed
            ? "<h3>The queueing model beside the measurement</h3>\n<p class=\"muted\">R₀ is each target's mean latency at level 1, Z the think time, S its least CPU time per request at any level "
                + $"(at level 1 its idle CPU, shared by few requests, inflates it), cores those the targets were pinned to (all of them when not pinned). A level departs from a prediction when it is more than {Format.Percent(ModelFit.Tolerance)} below it.</p>\n"
            : "<h3>Keeping up with the offered rate</h3>\n<p class=\"muted\">An open scenario offers a fixed rate, so the prediction is simply that throughput equals it; the queueing lines are for closed scenarios, where a fixed number of connections wait for their answers.</p>\n")
            .Append("<ul class=\"model\">\n");
        foreach (var (target, text) in ModelSummary.For(view))
        {
            html.Append($"<li><span class=\"swatch\" style=\"background:{palette.HexOf(target)}\"></span><b>{HtmlEncode(target)}</b> — {HtmlEncode(text)}</li>\n");
        }

        html.Append("</ul>\n<div class=\"charts\">\n");
        foreach (var chart in report.Charts)
        {
            html.Append($"<figure id=\"chart-{HtmlEncode(view.Name)}-{chart.Slug}\">\n{chart.InlineSvg}\n")
                .Append($"<figcaption><b>{HtmlEncode(chart.Title)}.</b> {HtmlEncode(chart.Caption)} ")
                .Append($"<a href=\"charts/{HtmlEncode(Path.GetFileName(chart.PngPath))}\">PNG</a> · <a href=\"charts/{HtmlEncode(Path.GetFileName(chart.SvgPath))}\">SVG</a></figcaption>\n</figure>\n");
        }

        html.Append("</div>\n<h3>Summary</h3>\n<p class=\"note\">Requests, requests/s, latency and CPU per request count successful responses only (the expected status and body); every other outcome is an error, and its time is kept apart (the notes say how long failures took). Error rate = errors ÷ (successes + errors).</p>\n");
        SummaryTable.Append(html, view, palette);
        ComponentsTable.Append(html, view, palette);
        AppendGates(html, view.Scenario);
        html.Append("</section>\n");
    }

    /// <summary>Each gate with this run's outcome and the sentence its scenario gives for why it should hold.</summary>
    private static void AppendGates(StringBuilder html, ScenarioResults scenario)
    {
        var gates = GateLines.Of(scenario);
        if (gates.Count == 0)
        {
            return;
        }

        html.Append("<h3>Gates</h3>\n<p class=\"muted\">This run's numbers against each gate of the scenario; <code>bench gate</code> gives the verdict (and checks regression gates against the baseline).</p>\n<ul class=\"gates\">\n");
        foreach (var gate in gates)
        {
            bool bad = gate.Checks.Any(c => c.Status != Gates.GateStatus.Passed);
            html.Append(bad ? "<li class=\"problem\">" : "<li>").Append($"<code>{HtmlEncode(gate.Gate.Expression)}</code> — ");
            html.Append(gate.NeedsBaseline ? "checked by <code>bench gate</code> against the baseline"
                : gate.Checks is [var only] && only.Gate == gate.Gate.Expression ? HtmlEncode(GateLines.Describe(only))
                : gate.Checks.Count == 0 ? "not checked here"
                : HtmlEncode(string.Join("; ", gate.Checks.Select(c => $"{c.Gate}: {GateLines.Describe(c)}"))));
            if (gate.Gate.Why is { } why)
            {
                html.Append($"<br><span class=\"why\">Why: {HtmlEncode(why)}</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Setup(ScenarioDefinition definition)
    {
        var load = definition.Load;
        string levels = string.Join(", ", load.Levels.Select(l => Format.Number(l)));
        string think = load.ThinkMaxMs <= 0 ? "no think time"
            : load.ThinkMinMs == load.ThinkMaxMs ? $"think {Format.Ms(load.ThinkMinMs)} ms"
            : $"think {Format.Ms(load.ThinkMinMs)}–{Format.Ms(load.ThinkMaxMs)} ms";
        string model = load.Model == "open" ? $"open model at {levels} requests/s" : $"closed model at {levels} connections, {think}";
        return $"{definition.Request.Method} {definition.Request.Path} · {model} · warm-up {Format.Ms(load.WarmupMs / 1000)} s, "
            + $"{Format.Ms(load.DurationMs / 1000)} s measured, {Repeats(load)} · {definition.Source}";
    }

    private static string Repeats(LoadDefinition load) => load.AutoRepeats is { } auto
        ? $"{auto.Min} to {auto.Max} repeats until the throughput's 95 % interval is within ±{Format.Fixed(auto.HalfWidthPercent, "0.##")} %"
        : $"{load.Repeats} repeat{(load.Repeats == 1 ? "" : "s")}";
}

using System.Globalization;
using System.Text;
using Bench.Reports.Micro;
using Bench.Results;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>
/// report.html: one file that works offline — inline CSS and SVG, no script, no font or image from anywhere. The
/// scenarios first (what each shows, charts, model, table), the micro benchmarks when the run folder holds a
/// micro.json, then the run's metadata. A pure function of the results (and micro.json), so regenerating it gives the
/// same page.
/// </summary>
public static class ReportPage
{
    public static string Write(RunResults results, IReadOnlyList<ScenarioReport> scenarios, TargetPalette palette, MicroReading? micro = null)
    {
        var run = results.Run;
        string started = run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>Bench report — {HtmlEncode(started)}</title>\n<style>\n{ReportCss.Text}\n</style>\n</head>\n<body>\n<header>\n")
            .Append($"<h1>Bench report</h1>\n<p class=\"muted\">Run of {HtmlEncode(started)} on {run.Machine.Cores} cores ({HtmlEncode(run.Machine.CpuModel)}), ")
            .Append($"targets on cores {HtmlEncode(run.Pinning.TargetCpus ?? "any")}{(run.Pinning.TargetCpuQuota is { } q ? $" (quota {q:0.##} core)" : "")}, generator on cores {HtmlEncode(run.Pinning.GeneratorCpus ?? "any")}.</p>\n");
        if (run.EndedAt is null)
        {
            html.Append("<p class=\"problem\">The run did not finish: these are the levels it completed.</p>\n");
        }

        html.Append("<nav><ul>\n");
        if (LessonsSection.Any(scenarios))
        {
            html.Append($"<li><a href=\"#{LessonsSection.Anchor}\">Lessons</a></li>\n");
        }

        foreach (var scenario in scenarios)
        {
            html.Append($"<li><a href=\"#scenario-{HtmlEncode(scenario.View.Name)}\">{HtmlEncode(scenario.View.Name)}</a></li>\n");
        }

        html.Append(micro is null ? "" : $"<li><a href=\"#{MicroSection.Anchor}\">micro benchmarks</a></li>\n");
        html.Append("<li><a href=\"#run\">run metadata</a></li>\n</ul></nav>\n</header>\n<main>\n");
        if (scenarios.Count == 0)
        {
            html.Append("<section><p class=\"problem\">The run recorded no scenario.</p></section>\n");
        }

        LessonsSection.Append(html, scenarios, micro);
        foreach (var scenario in scenarios)
        {
            ScenarioSection.Append(html, scenario, palette, run.Pinning);
        }

        MicroSection.Append(html, micro);
        AppendRun(html, results);
        html.Append("</main>\n<footer>Made by <code>bench report</code> from results.json, the run's record; regenerate it with <code>bench report &lt;run-dir&gt;</code>.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendRun(StringBuilder html, RunResults results)
    {
        var run = results.Run;
        (string Name, string Value)[] rows =
        [
            ("started", run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
            ("ended", run.EndedAt?.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) ?? "not finished"),
            ("machine", $"{run.Machine.Cores} cores, {run.Machine.CpuModel}"),
            ("operating system", run.Os),
            (".NET", run.DotnetVersion),
            ("Bench commit", run.BenchCommit),
            ("targets pinned to", run.Pinning.TargetCpus ?? "not pinned"),
            ("target CPU quota", run.Pinning.TargetCpuQuota is { } quota ? $"{quota:0.##} core{(run.Pinning.Cgroup is { } cgroup ? $" (cgroup {cgroup})" : "")}" : $"none{(run.Pinning.NoQuotaReason is { } why ? $": {why}" : "")}"),
            ("target memory limit", run.Pinning.TargetMemoryLimitBytes is { } memory ? Configuration.ByteSizeText.Format(memory) : "none (containers: their catalogue limit)"),
            ("generator pinned to", run.Pinning.GeneratorCpus ?? "not pinned"),
            ("results.json schema", results.SchemaVersion.ToString(CultureInfo.InvariantCulture)),
            ("scenarios", results.Scenarios.Count.ToString(CultureInfo.InvariantCulture)),
            ("levels measured", results.Scenarios.Sum(s => s.Results.Count).ToString(CultureInfo.InvariantCulture)),
        ];
        html.Append("<section id=\"run\">\n<h2>Run metadata</h2>\n<dl class=\"meta\">\n");
        foreach (var (name, value) in rows)
        {
            html.Append($"<dt>{HtmlEncode(name)}</dt><dd>{HtmlEncode(value)}</dd>\n");
        }

        html.Append("</dl>\n</section>\n");
    }
}

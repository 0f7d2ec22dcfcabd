using System.Text;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>
/// A scenario's table: one row per target × level (repeats combined), invalid or saturated rows in red with the reason.
/// Requests, throughput, latency and CPU per request are the successful responses'; failures are counted apart, with
/// how long they took in the notes; closed levels show the connections that got nothing and Jain's fairness index.
/// </summary>
internal static class SummaryTable
{
    public static void Append(StringBuilder html, ScenarioView view, TargetPalette palette)
    {
        html.Append("<table class=\"summary\">\n<thead><tr><th>target</th>")
            .Append(view.IsClosed ? "<th>connections</th>" : "<th>offered req/s</th>")
            .Append("<th title=\"successful responses per second\">requests/s</th><th title=\"latency of successful responses\">p50 ms</th><th title=\"latency of successful responses\">p99 ms</th><th title=\"latency of successful responses\">p99.9 ms</th>")
            .Append("<th>errors</th><th title=\"errors ÷ (successes + errors)\">error rate</th>")
            .Append(view.IsClosed ? "<th title=\"connections that received no response in the window\">starved</th><th title=\"Jain's index over the connections' responses: 1 = every connection served alike\">fairness</th>" : "")
            .Append("<th title=\"target CPU per successful response\">CPU ms/request</th><th>peak RSS MiB</th>")
            .Append(view.IsClosed ? "<th title=\"measured throughput / N/(R₀+Z)\">of ideal</th>" : "<th>of offered</th>")
            .Append("<th class=\"notes\">notes</th></tr></thead>\n<tbody>\n");
        foreach (string target in view.Targets)
        {
            foreach (var cell in view.Row(target))
            {
                AppendRow(html, view, cell, palette.HexOf(target));
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendRow(StringBuilder html, ScenarioView view, TargetLevel cell, string colour)
    {
        var notes = new List<string>(cell.Problems);
        if (cell.NoiseNote is { } noise)
        {
            notes.Add(noise);
        }

        if (cell.InFlight > 0)
        {
            notes.Add($"{cell.InFlight} unanswered at the end (not yet timed out)");
        }

        if (cell.Errors > 0 && cell.FailureP50Ms is { } failureP50)
        {
            notes.Add($"failures took p50 {Format.Ms(failureP50)} ms, p99 {Format.Ms(cell.FailureP99Ms ?? failureP50)} ms");
        }

        if (view.IntervalNoteOf(cell.Target, cell.Level) is { } interval)
        {
            notes.Insert(0, interval);
        }

        if (cell.Repeats.Count > 1)
        {
            notes.Insert(0, cell.Counted.Count == cell.Repeats.Count ? $"median of {cell.Repeats.Count} repeats" : $"median of {cell.Counted.Count} of {cell.Repeats.Count} repeats");
        }

        string share = Share(view, cell);
        html.Append(cell.Problems.Count > 0 ? "<tr class=\"invalid\">" : "<tr>")
            .Append($"<td><span class=\"swatch\" style=\"background:{colour}\"></span>{HtmlEncode(cell.Target)}</td>")
            .Append($"<td>{Format.Number(cell.Level)}</td><td>{Format.Rps(cell.ThroughputRps)}</td>")
            .Append($"<td>{Ms(cell.P50Ms)}</td><td>{Ms(cell.P99Ms)}</td><td>{Ms(cell.P999Ms)}</td>")
            .Append($"<td>{cell.Errors}</td><td>{Format.Percent(cell.ErrorRate)}</td>")
            .Append(view.IsClosed ? $"<td>{Optional(cell.StarvedConnections, "0.#")}</td><td>{Optional(cell.Fairness, "0.###")}</td>" : "")
            .Append($"<td>{Optional(cell.CpuMsPerRequest, "0.###")}</td><td>{Format.Fixed(cell.PeakRssMiB, "0.#")}</td>")
            .Append($"<td>{share}</td><td class=\"notes\">{HtmlEncode(string.Join("; ", notes))}</td></tr>\n");
    }

    /// <summary>A value a level may not have (no success: no latency, no cost per request) shows as a dash, never as 0.</summary>
    private static string Ms(double? value) => value is { } ms ? Format.Ms(ms) : "–";

    private static string Optional(double? value, string format) => value is { } v ? Format.Fixed(v, format) : "–";

    private static string Share(ScenarioView view, TargetLevel cell)
    {
        if (!view.IsClosed)
        {
            return Format.Percent(cell.ThroughputRps / cell.Level);
        }

        return view.ModelFor(cell.Target)?.Fit is { } fit ? Format.Percent(cell.ThroughputRps / fit.Model.IdealRps(cell.Level)) : "–";
    }
}

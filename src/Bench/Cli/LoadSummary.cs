using Bench.Load;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>The readable summary of one load: a table on a terminal, aligned plain lines otherwise.</summary>
public static class LoadSummary
{
    public static IReadOnlyList<(string Label, string Value)> Rows(LoadResult result)
    {
        var o = result.Options;
        var l = result.Latency;
        var g = result.Generator;
        string what = o.Model == LoadModel.Open
            ? $"open, {o.Rate:0.#}/s{(o.Stages.Count > 0 ? $" then {o.Stages.Count} stage(s)" : "")}, up to {o.MaxConnections ?? Math.Max(o.Connections, LoadEngine.DefaultMaxConnections)} connections"
            : $"closed, {o.Connections} connection(s){(o.Think.IsNone ? "" : $", think {o.Think}")}{(o.Iterations is { } k ? $", {k} iteration(s) each" : "")}";
        var rows = new List<(string, string)>
        {
            ("target", $"{o.Method} {o.Url}{(o.ClosePerRequest ? " (a new connection per request)" : "")}"),
            ("load", $"{what}; {result.Duration.TotalSeconds:0.00} s measured{(o.Warmup > TimeSpan.Zero ? $" after {o.Warmup.TotalSeconds:0.##} s warmup" : "")}; stopped: {result.StopReason}"),
            ("requests", $"{result.Requests:N0} = {result.ThroughputRps:N1} req/s ({result.Succeeded:N0} succeeded)"),
            ("latency ms", $"mean {l.MeanMs:0.###}  stdev {l.StdevMs:0.###}  p50 {l.P50Ms:0.###}  p75 {l.P75Ms:0.###}  p90 {l.P90Ms:0.###}  p99 {l.P99Ms:0.###}  p99.9 {l.P999Ms:0.###}  p99.99 {l.P9999Ms:0.###}  max {l.MaxMs:0.###}"),
            ("errors", result.ErrorCount == 0 ? "none" : $"{result.ErrorCount:N0}: " + string.Join(", ", result.Errors.Select(e => $"{e.Key} {e.Value:N0}"))),
            ("in flight", $"{result.InFlight:N0} unanswered at the end (waited less than the {o.Timeout.TotalSeconds:0.###} s timeout)"),
        };
        if (result.Open is { } open)
        {
            rows.Add(("schedule", $"target {open.TargetRps:N1}/s: {open.Scheduled:N0} scheduled, {open.Sent:N0} sent, {open.Late:N0} late (> {o.LateAfter.TotalMilliseconds:0.###} ms), {open.Unsent:N0} never sent; peak {open.PeakConnections} connections; " + (open.RateReached ? "rate reached" : "RATE NOT REACHED")));
        }

        string cpus = g.PinnedCpus.Count > 0 ? $" pinned to CPU {string.Join(',', g.PinnedCpus)}" : "";
        rows.Add(("generator", $"{g.Workers} worker(s){cpus}: {g.CpuSeconds:0.00} CPU-s ({g.Utilisation:P0} busy), {g.CpuMicrosPerRequest:0.00} µs CPU per request" + (g.Saturated ? " — SATURATED: the numbers may describe the generator, not the target" : "")));
        return rows;
    }

    public static void Print(LoadResult result, TextWriter plainOutput)
    {
        var rows = Rows(result);
        if (Console.IsOutputRedirected)
        {
            int width = rows.Max(r => r.Label.Length);
            foreach (var (label, value) in rows)
            {
                plainOutput.WriteLine($"{label.PadRight(width)}  {value}");
            }

            return;
        }

        var table = new Table().HideHeaders().AddColumns("", "");
        foreach (var (label, value) in rows)
        {
            bool alarm = value.Contains("SATURATED", StringComparison.Ordinal) || value.Contains("NOT REACHED", StringComparison.Ordinal) || (label == "errors" && value != "none");
            table.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Markup(alarm ? $"[red]{Markup.Escape(value)}[/]" : Markup.Escape(value)));
        }

        AnsiConsole.Write(table);
    }
}

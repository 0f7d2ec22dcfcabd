using Bench.Load;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>The readable summary of one load: a table on a terminal, aligned plain lines otherwise.</summary>
public static class LoadSummary
{
    public static IReadOnlyList<(string Label, string Value)> Rows(LoadResult result)
    {
        var o = result.Options;
        var g = result.Generator;
        string what = o.Model == LoadModel.Open
            ? $"open, {o.Rate:0.#}/s{(o.Stages.Count > 0 ? $" then {o.Stages.Count} stage(s)" : "")}, up to {o.MaxConnections ?? Math.Max(o.Connections, LoadEngine.DefaultMaxConnections)} connections"
            : $"closed, {o.Connections} connection(s){(o.Think.IsNone ? "" : $", think {o.Think}")}{(o.Iterations is { } k ? $", {k} iteration(s) each" : "")}";
        var rows = new List<(string, string)>
        {
            ("target", $"{o.Method} {o.Url}{(o.ClosePerRequest ? " (a new connection per request)" : "")}"),
            ("load", $"{what}; {result.Duration.TotalSeconds:0.00} s measured{(o.Warmup > TimeSpan.Zero ? $" after {o.Warmup.TotalSeconds:0.##} s warmup" : "")}; stopped: {result.StopReason}"),
            ("requests", $"{result.Requests:N0} successful = {result.ThroughputRps:N1} req/s ({result.Responses:N0} responses in all)"),
            ("latency ms", result.Latency is { } l ? $"of successes: {Percentiles(l)}" : "none: no successful response"),
            ("errors", result.ErrorCount == 0 ? "none" : $"{result.ErrorCount:N0} = {result.ErrorRate:P2} of {result.Attempts:N0}: " + string.Join(", ", result.Errors.Select(e => $"{e.Key} {e.Value:N0}"))),
        };
        if (result.FailureLatency is { } f)
        {
            rows.Add(("failures ms", $"time until known: {Percentiles(f)}"));
        }

        if (result.Fairness is { } fairness)
        {
            rows.Add(("connections", $"{fairness.Starved:N0} of {fairness.Connections:N0} received no response; fairness (Jain) {(fairness.JainIndex is { } j ? j.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "–")}"));
        }

        if (result.Cache is { } cache)
        {
            rows.Add(("cache", $"X-Cache-Status: {cache.Hits:N0} HIT, {cache.Misses:N0} MISS, {cache.Other:N0} other ({cache.HitRatio:P1} hits)"));
        }

        rows.Add(("in flight", $"{result.InFlight:N0} unanswered at the end (waited less than the {o.Timeout.TotalSeconds:0.###} s timeout)"));
        if (result.Open is { } open)
        {
            rows.Add(("schedule", $"target {open.TargetRps:N1}/s: {open.Scheduled:N0} scheduled, {open.Sent:N0} sent ({open.OnTime:N0} on time), {open.Late:N0} late (> {o.LateAfter.TotalMilliseconds:0.###} ms), {open.Unsent:N0} never sent; peak {open.PeakConnections} connections; " + (open.RateReached ? "rate reached" : "RATE NOT REACHED")));
        }

        string cpus = g.PinnedCpus.Count > 0 ? $" pinned to CPU {string.Join(',', g.PinnedCpus)}" : "";
        rows.Add(("generator", $"{g.Workers} worker(s){cpus}: {g.CpuSeconds:0.00} CPU-s ({g.Utilisation:P0} busy), {g.CpuMicrosPerAttempt:0.00} µs CPU per attempt" + (g.Saturated ? " — SATURATED: the numbers may describe the generator, not the target" : "")));
        return rows;
    }

    private static string Percentiles(LatencySummary l) =>
        $"mean {l.MeanMs:0.###}  stdev {l.StdevMs:0.###}  p50 {l.P50Ms:0.###}  p75 {l.P75Ms:0.###}  p90 {l.P90Ms:0.###}  p99 {l.P99Ms:0.###}  p99.9 {l.P999Ms:0.###}  p99.99 {l.P9999Ms:0.###}  max {l.MaxMs:0.###}";

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
            bool alarm = value.Contains("SATURATED", StringComparison.Ordinal) || value.Contains("NOT REACHED", StringComparison.Ordinal) || (label == "errors" && value != "none") || (label == "connections" && !value.StartsWith("0 of", StringComparison.Ordinal));
            table.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Markup(alarm ? $"[red]{Markup.Escape(value)}[/]" : Markup.Escape(value)));
        }

        AnsiConsole.Write(table);
    }
}

using Bench.Results;

namespace Bench.Running;

/// <summary>One plain line per event: for logs, pipes and CI, where a live display would be noise.</summary>
public sealed class LineProgress(TextWriter output) : ISweepProgress
{
    public void TargetStarting(string scenario, string target) => output.WriteLine($"{scenario} · {target}: starting and verifying");

    public void TargetInvalid(string scenario, string target, string reason) =>
        output.WriteLine($"{scenario} · {target}: INVALID, its levels are skipped: {reason}");

    public void LevelRunning(string scenario, string target, int level, int repeat, TimeSpan left, bool warmup, double recentRps, long errors)
    {
        // Lines only at the end of a level: a line a second would drown the log.
    }

    public void LevelDone(string scenario, LevelResult result) => output.WriteLine(Describe(scenario, result));

    public void Note(string message) => output.WriteLine(message);

    // InvariantGlobalization is on: interpolation formats the same on every machine.
    public static string Describe(string scenario, LevelResult r) =>
        $"{scenario} · {r.Target} @ {r.Level}{(r.Repeat > 1 ? $" (repeat {r.Repeat})" : "")}: {r.ThroughputRps,10:N0} req/s  " +
        (r.LatencyMs is { } l ? $"p50 {l.P50,8:0.###} ms  p99 {l.P99,8:0.###} ms  " : "no successful response  ") +
        $"errors {r.ErrorCount}{(r.ErrorCount > 0 ? $" ({Repeats.ErrorRate([r]):P1})" : "")}{(r.InFlight > 0 ? $" (+{r.InFlight} unanswered)" : "")}  " +
        (r.StarvedConnections > 0 ? $"starved {r.StarvedConnections} of {r.Level}  " : "") +
        (r.Cache is { } cache ? $"cache {cache.Hits} hit {cache.Misses} miss {cache.Other} other  " : "") +
        (r.Resources.CpuMsPerRequest is { } cpu ? $"cpu {cpu:0.###} ms/req  " : "") + $"rss {r.Resources.PeakRssBytes / 1048576.0:0.#} MB" +
        (r.Valid ? "" : $"  INVALID: {r.InvalidReason}");
}

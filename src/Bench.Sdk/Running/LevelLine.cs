using System.Globalization;
using Bench.Results;

namespace Bench.Sdk.Running;

/// <summary>One line per level (and an indented one per step), as <c>bench run</c> prints a level in a log.</summary>
internal static class LevelLine
{
    public static void Write(TextWriter output, IReadOnlyList<LevelResult> records, bool open)
    {
        var lines = records.Select((r, i) => (i == 0 ? "" : "  step ") + Describe(r, i == 0 ? open : null)).ToList();
        if (records[0].InvalidReason is { } reason)
        {
            lines.Add($"  INVALID: {reason}");
        }

        lock (output)
        {
            foreach (string line in lines)
            {
                output.WriteLine(line);
            }
        }
    }

    private static string Describe(LevelResult r, bool? open)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{r.Target}@{r.Level}");
        if (open is { } isOpen)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" ({(isOpen ? "open" : "closed")}, {r.DurationSeconds:0.0} s)");
        }

        text += string.Create(CultureInfo.InvariantCulture, $": {r.Requests} ok, {r.ThroughputRps:0.0}/s");
        if (r.LatencyMs is { } latency)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", p50 {latency.P50:0.###} ms, p99 {latency.P99:0.###} ms, max {latency.Max:0.###} ms");
        }

        long ended = r.Requests + r.ErrorCount;
        text += string.Create(CultureInfo.InvariantCulture, $"; {r.ErrorCount} errors ({(ended == 0 ? 0 : (double)r.ErrorCount / ended):P2})");
        if (r.Errors.Count > 0)
        {
            text += ": " + string.Join(", ", r.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value}")));
        }

        if (r.Open is { } schedule)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; {schedule.Late} of {schedule.Scheduled} started late");
        }

        return r.InFlight > 0 ? text + string.Create(CultureInfo.InvariantCulture, $"; {r.InFlight} in flight") : text;
    }
}

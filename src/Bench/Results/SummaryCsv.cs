using System.Globalization;
using System.Text;

namespace Bench.Results;

/// <summary>
/// summary.csv: one row per scenario × target × level × repeat, for spreadsheets and scripts. requests, throughput,
/// latency and CPU per request are the successful responses'; an empty cell is a value the level does not have
/// (no success: no latency; the open model: no starved connections).
/// </summary>
public static class SummaryCsv
{
    public const string FileName = "summary.csv";

    private static readonly string[] Columns =
    [
        "scenario", "target", "level", "repeat", "requests", "throughput_rps", "p50_ms", "p99_ms", "max_ms", "errors",
        "error_rate", "failure_p99_ms", "starved_connections", "fairness", "cpu_seconds", "cpu_ms_per_request", "cpu_ms_per_attempt",
        "peak_rss_bytes", "max_threads", "generator_cpu_seconds", "generator_saturated", "valid", "invalid_reason",
    ];

    public static string Write(RunResults results)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var scenario in results.Scenarios)
        {
            foreach (var r in scenario.Results)
            {
                string[] cells =
                [
                    scenario.Name, r.Target, Number(r.Level), Number(r.Repeat), Number(r.Requests), Number(r.ThroughputRps),
                    Number(r.LatencyMs?.P50), Number(r.LatencyMs?.P99), Number(r.LatencyMs?.Max), Number(r.ErrorCount),
                    Fine(Repeats.ErrorRate([r]) ?? 0), Number(r.FailureLatencyMs?.P99), Number(r.StarvedConnections), Fine(r.Fairness),
                    Number(r.Resources.CpuSeconds), Number(r.Resources.CpuMsPerRequest), Number(r.Resources.CpuMsPerAttempt), Number(r.Resources.PeakRssBytes),
                    Number(r.Resources.MaxThreads), Number(r.Generator.CpuSeconds), r.Generator.Saturated ? "true" : "false",
                    r.Valid ? "true" : "false", r.InvalidReason ?? "",
                ];
                csv.AppendJoin(',', cells.Select(Quote)).Append('\n');
            }
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Shares (error rate, fairness) keep six decimals: 3 errors in 60 000 is not 0.</summary>
    private static string Fine(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes.</summary>
    internal static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

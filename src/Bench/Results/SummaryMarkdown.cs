using System.Globalization;
using System.Text;
using Bench.Configuration;

namespace Bench.Results;

/// <summary>
/// summary.md: per scenario, a table of target × level with requests/s, p50, p99, errors, error rate, starved
/// connections and fairness, CPU ms per request and peak RSS. Requests, latency and CPU per request are the successful
/// responses'; a value the level does not have (no success: no latency) is a dash. With repeats, each number is the
/// median of the valid repeats and requests/s shows their range.
/// </summary>
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    public static string Write(RunResults results)
    {
        var run = results.Run;
        var md = new StringBuilder();
        md.Append("# Bench run ").Append(run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{run.Machine.Cores} cores ({run.Machine.CpuModel}), {run.Os}, {run.DotnetVersion}, Bench {Short(run.BenchCommit)}; ");
        md.Append(CultureInfo.InvariantCulture, $"targets on cores {run.Pinning.TargetCpus ?? "any"}{(run.Pinning.TargetCpuQuota is { } q ? $" (quota {q:0.##} core)" : "")}{(run.Pinning.TargetMemoryLimitBytes is { } m ? $", memory limit {ByteSizeText.Format(m)}" : "")}, generator on cores {run.Pinning.GeneratorCpus ?? "any"}.");
        md.Append(run.EndedAt is null ? " **Run not finished: levels so far.**\n" : "\n");

        foreach (var scenario in results.Scenarios)
        {
            md.Append("\n## ").Append(scenario.Name).Append("\n\n").Append(scenario.Definition.Description).Append("\n\n");
            md.Append(CultureInfo.InvariantCulture, $"`{scenario.Definition.Request.Method} {scenario.Definition.Request.Path}`, {scenario.Definition.Load.Model} model");
            md.Append(scenario.Definition.Load.Model == "open" ? " (levels are requests/s)" : " (levels are connections)").Append(".\n");
            if (scenario.Definition.Placement is { } placement)
            {
                md.Append('\n').Append(placement.Describe(run.Pinning)).Append('\n');
            }
            foreach (var invalid in scenario.Verification.Where(v => !v.Valid))
            {
                md.Append("\n- **").Append(invalid.Target).Append(" failed verification, not measured:** ").Append(Cell(invalid.Reason ?? "")).Append('\n');
            }

            if (scenario.Results.Count > 0)
            {
                md.Append("\nRequests, latency and CPU per request count successful responses only; error rate = errors ÷ (successes + errors).\n");
                md.Append("\n| target | level | requests/s | p50 ms | p99 ms | errors | error rate | starved | fairness | CPU ms/request | peak RSS MiB | notes |\n");
                md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
                foreach (var group in scenario.Results.GroupBy(r => (r.Target, r.Level)))
                {
                    AppendRow(md, group.Key.Target, group.Key.Level, group.ToArray());
                }
            }

            AppendGates(md, scenario);
        }

        return md.ToString();
    }

    /// <summary>Each gate with this run's outcome and, when the scenario gives one, the sentence saying why it should hold.</summary>
    private static void AppendGates(StringBuilder md, ScenarioResults scenario)
    {
        var gates = GateLines.Of(scenario);
        if (gates.Count == 0)
        {
            return;
        }

        md.Append("\nGates (this run's numbers against each; `bench gate` gives the verdict):\n\n");
        foreach (var gate in gates)
        {
            md.Append("- `").Append(gate.Gate.Expression).Append("` — ");
            md.Append(gate.NeedsBaseline ? "checked by `bench gate` against the baseline"
                : gate.Checks is [var only] && only.Gate == gate.Gate.Expression ? GateLines.Describe(only)
                : gate.Checks.Count == 0 ? "not checked here"
                : string.Join("; ", gate.Checks.Select(c => $"{c.Gate}: {GateLines.Describe(c)}")));
            md.Append(gate.Gate.Why is { } why ? $". Why: {why}" : "").Append('\n');
        }
    }

    private static void AppendRow(StringBuilder md, string target, int level, LevelResult[] repeats)
    {
        var valid = repeats.Where(r => r.Valid).ToArray();
        var counted = valid.Length > 0 ? valid : repeats;
        string throughput = F(Median(counted, r => r.ThroughputRps), "0.#");
        if (counted.Length > 1)
        {
            throughput += $" ({F(counted.Min(r => r.ThroughputRps), "0")}–{F(counted.Max(r => r.ThroughputRps), "0")})";
        }

        var notes = repeats.Where(r => !r.Valid).Select(r => $"repeat {r.Repeat} invalid: {r.InvalidReason}").ToList();
        if (Launch.Sampling.Interference.NoteFor(counted.Select(r => r.Interference)) is { } noisy)
        {
            notes.Add(noisy);
        }
        if (repeats.Length > 1)
        {
            notes.Insert(0, counted.Length == repeats.Length ? $"median of {repeats.Length} repeats"
                : counted.Length == 1 ? $"1 valid repeat of {repeats.Length}"
                : $"median of {counted.Length} valid repeats of {repeats.Length}");
        }

        string errorRate = Repeats.ErrorRate(counted) is { } rate ? F(100 * rate, "0.##") + " %" : "–";
        md.Append(CultureInfo.InvariantCulture, $"| {target} | {level} | {throughput} | {F(Median(counted, r => r.LatencyMs?.P50), "0.##")} | {F(Median(counted, r => r.LatencyMs?.P99), "0.##")} | ");
        md.Append(CultureInfo.InvariantCulture, $"{F(Median(counted, r => r.ErrorCount), "0")} | {errorRate} | {F(Median(counted, r => r.StarvedConnections), "0.#")} | {F(Median(counted, r => r.Fairness), "0.###")} | ");
        md.Append(CultureInfo.InvariantCulture, $"{F(Median(counted, r => r.Resources.CpuMsPerRequest), "0.###")} | ");
        md.Append(CultureInfo.InvariantCulture, $"{F(Median(counted, r => r.Resources.PeakRssBytes) / (1024 * 1024), "0.#")} | {Cell(string.Join("; ", notes))} |\n");
    }

    private static double? Median(LevelResult[] results, Func<LevelResult, double?> value) => Repeats.Median(results, value);

    private static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>Table cells hold one line, and a '|' would end the cell.</summary>
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}

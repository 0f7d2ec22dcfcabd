using Bench.Configuration;
using Bench.Gates;
using Bench.Gates.Baselines;
using Bench.Gates.Output;
using Bench.Results;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>
/// The gating step: checks a run's gates, prints the table, writes JUnit / Markdown / the GitHub step summary, and
/// returns the exit code (0 all pass, 1 a gate failed, 2 gates that cannot be checked, 3 the run is invalid for gating).
/// `bench gate` calls it on a results.json; `bench run --gate` on the run it has just recorded (after CompleteAsync).
/// </summary>
public static class GateRun
{
    public static async Task<int> RunAsync(RunResults results, GateOptions options, IAnsiConsole console, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (results.Scenarios.All(s => s.Definition.Gates.Count == 0))
        {
            await stderr.WriteLineAsync($"bench gate: no scenario of the run ({string.Join(", ", results.Scenarios.Select(s => s.Name))}) has gates; nothing to check");
            return ExitCodes.UsageError;
        }

        // Numbers from a partial run prove nothing either way: refused before any gate is read.
        if (RunCompleteness.Problems(results) is { Count: > 0 } incomplete)
        {
            await stderr.WriteLineAsync($"bench gate: not gated: {RunCompleteness.OneLine(incomplete)}");
            return ExitCodes.InvalidRun;
        }

        GateReport report;
        try
        {
            report = await new GateEvaluator(new BaselineStore(options.BaselineDirectory), options.Noise).EvaluateAsync(results, cancellationToken);
        }
        catch (InputException e)
        {
            return await InputErrors.ReportAsync(e, stderr);
        }

        GateTable.Write(report, console);
        try
        {
            await WriteReportsAsync(report, options, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"bench gate: cannot write a report: {e.Message}");
            return ExitCodes.UsageError;
        }

        return report.Status switch
        {
            GateStatus.Passed => ExitCodes.Success,
            GateStatus.Failed => ExitCodes.GateFailed,
            _ => ExitCodes.InvalidRun,
        };
    }

    private static async Task WriteReportsAsync(GateReport report, GateOptions options, CancellationToken cancellationToken)
    {
        if (options.JunitPath is { } junit)
        {
            await ReportFile.WriteAsync(junit, GateJunit.Write(report), cancellationToken);
        }

        string markdown = GateMarkdown.Write(report);
        if (options.MarkdownPath is { } path)
        {
            await ReportFile.WriteAsync(path, markdown, cancellationToken);
        }

        if (options.StepSummaryPath is { } summary)
        {
            // The step summary collects every step's Markdown: add to it, never replace it.
            await File.AppendAllTextAsync(summary, markdown + "\n", cancellationToken);
        }
    }
}

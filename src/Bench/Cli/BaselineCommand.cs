using System.CommandLine;
using Bench.Gates;
using Bench.Gates.Baselines;

namespace Bench.Cli;

/// <summary>`bench baseline update &lt;run-dir&gt;`: stores each scenario's per target × level statistics for regression gates.</summary>
public static class BaselineCommand
{
    public static Command Create(TimeProvider time)
    {
        var run = new Argument<string>("run-dir") { Description = "A finished run folder (or its results.json), valid throughout." };
        var folder = new Option<string?>("--baseline") { Description = "Folder to write <scenario>.json into (default: results/baselines)." };
        var update = new Command("update", "Write results/baselines/<scenario>.json for every scenario of a run: mean, stdev and count of each metric per target × level.");
        update.Arguments.Add(run);
        update.Options.Add(folder);
        update.SetAction(async (parsed, cancellationToken) =>
        {
            if (await RunResultsInput.TryReadAsync(parsed.GetValue(run)!, "baseline update", Console.Error, cancellationToken) is not { } results)
            {
                return ExitCodes.UsageError;
            }

            // A baseline is the reference every later run is judged against: never from numbers that cannot be trusted.
            if (RunCompleteness.Problems(results) is { Count: > 0 } incomplete)
            {
                await Console.Error.WriteLineAsync($"bench baseline update: no baseline written: {RunCompleteness.OneLine(incomplete)}");
                return ExitCodes.InvalidRun;
            }

            if (BaselineBuilder.Problems(results) is { Count: > 0 } problems)
            {
                await Console.Error.WriteLineAsync("bench baseline update: the run is not valid throughout; no baseline written:");
                foreach (string problem in problems)
                {
                    await Console.Error.WriteLineAsync($"  {problem}");
                }

                return ExitCodes.InvalidRun;
            }

            var store = new BaselineStore(parsed.GetValue(folder) ?? BaselineStore.DefaultDirectory);
            foreach (var scenario in results.Scenarios)
            {
                var baseline = BaselineBuilder.From(results, scenario, time.GetUtcNow());
                string path = await store.WriteAsync(baseline, cancellationToken);
                Console.WriteLine($"wrote {path}: {baseline.Entries.Count} target × level entries, {scenario.Definition.Load.Repeats} repeat(s) each");
            }

            return ExitCodes.Success;
        });

        var command = new Command("baseline", "Baselines for regression gates (results/baselines/<scenario>.json).");
        command.Subcommands.Add(update);
        return command;
    }
}

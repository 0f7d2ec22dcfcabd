using System.CommandLine;
using Bench.Gates;
using Bench.Gates.Compare;
using Bench.Gates.Syntax;
using Bench.Reports.Charts;

namespace Bench.Cli;

/// <summary>`bench compare &lt;run-a&gt; &lt;run-b&gt;`: what changed from A to B, marked only where beyond the noise.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var runA = new Argument<string>("run-a") { Description = "The reference run folder (or its results.json)." };
        var runB = new Argument<string>("run-b") { Description = "The run compared with it." };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the comparison as Markdown to this file." };
        var csv = new Option<string?>("--csv") { Description = "Also write the comparison as CSV (one row per target × level × metric) to this file." };
        var charts = new Option<string?>("--charts") { Description = "Folder for the overlay charts, run A dashed and run B solid (default: <run-b>/compare)." };
        var noiseBand = new Option<string?>("--noise") { Description = $"The noise band when a side has fewer than {NoiseModel.RepeatsForSpread} repeats (default {MetricFormat.Number(NoiseModel.StandardDefaultBand * 100)}%)." };
        var command = new Command("compare", "Compare two runs: per target × level the change in throughput and latency percentiles, marked where beyond the noise.");
        command.Arguments.Add(runA);
        command.Arguments.Add(runB);
        command.Options.Add(markdown);
        command.Options.Add(csv);
        command.Options.Add(noiseBand);
        command.Options.Add(charts);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var noise = NoiseModel.Default;
            if (parsed.GetValue(noiseBand) is { } band)
            {
                if (!GateValues.TryParsePercent(band, out double fraction))
                {
                    await Console.Error.WriteLineAsync($"bench compare: --noise '{band}' is not {GateValues.PercentExpected}");
                    return ExitCodes.UsageError;
                }

                noise = new NoiseModel(fraction);
            }

            string pathA = parsed.GetValue(runA)!;
            string pathB = parsed.GetValue(runB)!;
            if (await RunResultsInput.TryReadAsync(pathA, "compare", Console.Error, cancellationToken) is not { } a
                || await RunResultsInput.TryReadAsync(pathB, "compare", Console.Error, cancellationToken) is not { } b)
            {
                return ExitCodes.UsageError;
            }

            var report = RunComparison.Compare(a, b, noise);
            CompareTable.Write(report, GateTable.Console());
            try
            {
                string chartsDirectory = parsed.GetValue(charts) ?? Path.Combine(Directory.Exists(pathB) ? pathB : Path.GetDirectoryName(Path.GetFullPath(pathB))!, "compare");
                var written = await CompareCharts.WriteAsync(a, b, chartsDirectory, cancellationToken);
                Console.WriteLine($"{written.Count} overlay chart(s) in {chartsDirectory}");

                if (parsed.GetValue(markdown) is { } md)
                {
                    await ReportFile.WriteAsync(md, CompareMarkdown.Write(report, pathA, pathB), cancellationToken);
                }

                if (parsed.GetValue(csv) is { } file)
                {
                    await ReportFile.WriteAsync(file, CompareCsv.Write(report), cancellationToken);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"bench compare: cannot write a report: {e.Message}");
                return ExitCodes.UsageError;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using Bench.Reports;

namespace Bench.Cli;

/// <summary>`bench report &lt;run-dir&gt;`: charts and report.html again from the run folder's results.json alone.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run folder: the one holding results.json." };
        var command = new Command("report", "Write charts/*.png|svg and report.html from a run folder's results.json; exit 2 when it is missing or not a results.json.");
        command.Arguments.Add(runDirectory);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            ReportFiles files;
            try
            {
                files = await ReportWriter.RegenerateAsync(parsed.GetValue(runDirectory)!, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // One line, whatever the reader said: this is what a CI log shows.
                await Console.Error.WriteLineAsync($"bench report: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.UsageError;
            }

            Console.WriteLine(files.HtmlPath);
            Console.WriteLine($"{files.ChartPaths.Count} chart files in {Path.Combine(Path.GetDirectoryName(files.HtmlPath)!, ReportWriter.ChartsFolder)}");
            return ExitCodes.Success;
        });
        return command;
    }
}

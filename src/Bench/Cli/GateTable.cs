using Bench.Gates;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>The gate report on the console: what makes the run invalid, a table of checks per scenario, and the verdict.</summary>
public static class GateTable
{
    public static void Write(GateReport report, IAnsiConsole console)
    {
        foreach (string problem in report.RunProblems)
        {
            console.MarkupLine($"[red]run invalid for gating:[/] {Markup.Escape(problem)}");
        }

        foreach (var scenario in report.Checks.GroupBy(c => c.Scenario))
        {
            var table = new Table { Title = new TableTitle($"gates of {scenario.Key}") }.AddColumns("result", "gate", "expected", "measured", "margin", "note");
            foreach (var check in scenario)
            {
                table.AddRow(
                    new Markup(check.Status switch
                    {
                        GateStatus.Passed => "[green]pass[/]",
                        GateStatus.Failed => "[red]FAIL[/]",
                        _ => "[yellow]INVALID[/]",
                    }),
                    new Text(check.Gate),
                    new Text(check.Expected),
                    new Text(check.Measured),
                    new Text(check.Margin),
                    new Text(check.Note ?? ""));
            }

            console.Write(table);
        }

        string colour = report.Status switch { GateStatus.Passed => "green", GateStatus.Failed => "red", _ => "yellow" };
        console.MarkupLine($"[{colour}]{Markup.Escape(report.Summary)}[/]");
    }

    /// <summary>
    /// The console for reports. Redirected output (a CI log) has no width of its own and Spectre assumes 80 columns;
    /// COLUMNS, when set, says how wide the log is (scripts/ci-gate.sh sets it).
    /// </summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int width) && width >= 40)
        {
            console.Profile.Width = width;
        }

        return console;
    }
}

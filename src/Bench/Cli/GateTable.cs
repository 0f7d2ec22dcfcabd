using Bench.Gates;
using Bench.Gates.Syntax;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>
/// The gate report on the console: what makes the run invalid, one line per check (result, gate, measured, margin;
/// the gate states what it expects) with its note on an indented line, and the verdict. Fits any width without
/// breaking a cell (<see cref="TextTable"/>).
/// </summary>
public static class GateTable
{
    /// <summary>The width of a console whose output is not a terminal and has no COLUMNS: a log, where lines never wrap.</summary>
    public const int Unlimited = 4096;

    public static void Write(GateReport report, IAnsiConsole console)
    {
        foreach (string problem in report.RunProblems)
        {
            console.MarkupLine($"[red]run invalid for gating:[/] {Markup.Escape(problem)}");
        }

        foreach (var scenario in report.Checks.GroupBy(c => c.Scenario))
        {
            console.MarkupLine($"[bold]gates of {Markup.Escape(scenario.Key)}[/]");
            var table = new TextTable(new TextColumn("result", Lead: true), new TextColumn("gate", Lead: true), new TextColumn("measured"), new TextColumn("margin"));
            foreach (var check in scenario)
            {
                var result = check.Status switch
                {
                    GateStatus.Passed => new TextCell("pass", "green"),
                    GateStatus.Failed => new TextCell("FAIL", "red"),
                    _ => new TextCell("INVALID", "yellow"),
                };
                // A regression's expectation holds the baseline's numbers, which the gate's text does not: in the note.
                string? note = check.Gate.Contains($" {RegressionGate.Keyword} ", StringComparison.Ordinal) ? $"expected {check.Expected}" + (check.Note is null ? "" : $"; {check.Note}") : check.Note;
                table.AddRow([result, new TextCell(check.Gate), new TextCell(check.Measured), new TextCell(check.Margin)], note);
            }

            table.Write(console);
        }

        string colour = report.Status switch { GateStatus.Passed => "green", GateStatus.Failed => "red", _ => "yellow" };
        console.MarkupLine($"[{colour}]{Markup.Escape(report.Summary)}[/]");
    }

    /// <summary>
    /// The console for reports. On a terminal, its width. Redirected (a CI log), COLUMNS when set (scripts/ci-gate.sh
    /// sets it), otherwise <see cref="Unlimited"/>: a log does not wrap, so each row stays on one line.
    /// </summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int width) && width >= 40 ? width : Unlimited;
        }

        return console;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Gates.Compare;
using Bench.Gates.Syntax;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>
/// `bench compare` on the console: per scenario, one line per target × level with the metrics as columns, each cell
/// B's mean and its change from A in short units ("8.6k/s -30%*"), a star where the change is beyond the noise (red
/// when worse, green when better), "–" where a side has no value. A's numbers, the spreads and the noise bands are in
/// --markdown and --csv. Fits any width without breaking a cell (<see cref="TextTable"/>).
/// </summary>
public static class CompareTable
{
    // Dropped first when the terminal is narrow: p90, then p99.9, then p50; throughput and p99 always stay.
    private static readonly Dictionary<GateMetric, int> DropOrder = new() { [GateMetric.P90] = 3, [GateMetric.P999] = 2, [GateMetric.P50] = 1 };

    public static void Write(ComparisonReport report, IAnsiConsole console)
    {
        foreach (string note in report.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        foreach (var scenario in report.Rows.GroupBy(r => r.Scenario))
        {
            console.MarkupLine($"[bold]{Markup.Escape(scenario.Key)}: B against A[/] [grey](B's mean and its change; * beyond the noise; – no value)[/]");
            var metrics = scenario.Select(r => r.Metric).Distinct().ToArray();
            var table = new TextTable(
            [
                new TextColumn("target", Lead: true),
                new TextColumn("level", AlignRight: true, Lead: true),
                .. metrics.Select(m => new TextColumn(Header(m), AlignRight: true, DropOrder: DropOrder.GetValueOrDefault(m))),
                new TextColumn("verdict"),
            ]);
            foreach (var cell in scenario.GroupBy(r => (r.Target, r.Level)))
            {
                var rows = cell.ToArray();
                table.AddRow(
                    [
                        new TextCell(cell.Key.Target),
                        new TextCell(cell.Key.Level.ToString(CultureInfo.InvariantCulture)),
                        .. metrics.Select(m => rows.FirstOrDefault(r => r.Metric == m) is { } row ? Cell(row) : new TextCell(CompareText.None)),
                        Verdict(rows),
                    ],
                    Note(rows));
            }

            table.Write(console);
        }

        console.WriteLine(report.Summary);
    }

    /// <summary>The row's notes once each, a side's missing metrics in one: "run B: sync@64 has no p50, p99: no successful response".</summary>
    private static string Note(IReadOnlyList<ComparisonRow> rows)
    {
        var notes = rows.Where(r => r.Note is not null).SelectMany(r => r.Note!.Split("; ")).Distinct().ToList();
        var missing = notes.Select(n => (Note: n, Match: Regex.Match(n, "^(run [AB]: \\S+ has no )(\\S+)(: .+)$"))).Where(x => x.Match.Success).ToArray();
        var merged = missing.GroupBy(x => (x.Match.Groups[1].Value, x.Match.Groups[3].Value)).Select(g => g.Key.Item1 + string.Join(", ", g.Select(x => x.Match.Groups[2].Value)) + g.Key.Item2);
        return string.Join("; ", notes.Except(missing.Select(x => x.Note)).Concat(merged));
    }

    private static string Header(GateMetric metric) => metric == GateMetric.P999 ? "p99.9" : GateMetrics.Name(metric);

    private static TextCell Cell(ComparisonRow row)
    {
        if (row.B is not { } b || row.Change is not { } change)
        {
            return new TextCell(row.B is { } only ? MetricFormat.Compact(row.Metric, only.Mean) + " " + CompareText.None : CompareText.None, "yellow");
        }

        string text = $"{MetricFormat.Compact(row.Metric, b.Mean)} {MetricFormat.Percent(change)}";
        return row.Verdict switch
        {
            ChangeVerdict.Worse => new TextCell(text + "*", "red"),
            ChangeVerdict.Better => new TextCell(text + "*", "green"),
            ChangeVerdict.NotJudged => new TextCell(text, "yellow"),
            _ => new TextCell(text + " "), // aligned with the starred cells
        };
    }

    private static TextCell Verdict(IReadOnlyList<ComparisonRow> rows) =>
        rows.Any(r => r.Verdict == ChangeVerdict.Worse) ? new TextCell(CompareText.Verdict(ChangeVerdict.Worse), "red")
        : rows.Any(r => r.Verdict == ChangeVerdict.NotJudged) ? new TextCell(CompareText.Verdict(ChangeVerdict.NotJudged), "yellow")
        : rows.Any(r => r.Verdict == ChangeVerdict.Better) ? new TextCell(CompareText.Verdict(ChangeVerdict.Better), "green")
        : new TextCell(CompareText.Verdict(ChangeVerdict.Noise));
}

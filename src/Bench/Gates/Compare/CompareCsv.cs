using System.Globalization;
using System.Text;
using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates.Compare;

/// <summary>The comparison as CSV, one row per scenario × target × level × metric, in results.json's units (for spreadsheets and charts); empty cells where a side has no value.</summary>
public static class CompareCsv
{
    private static readonly string[] Columns =
    [
        "scenario", "target", "level", "metric", "a_mean", "a_stdev", "a_n", "b_mean", "b_stdev", "b_n", "change", "noise", "verdict", "note",
    ];

    public static string Write(ComparisonReport report)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var r in report.Rows)
        {
            string[] cells =
            [
                r.Scenario, r.Target, N(r.Level), GateMetrics.Name(r.Metric), N(r.A?.Mean), N(r.A?.Stdev), N(r.A?.N), N(r.B?.Mean), N(r.B?.Stdev), N(r.B?.N),
                N(r.Change), N(r.Noise?.Relative), r.Verdict.ToString().ToLowerInvariant(), r.Note ?? "",
            ];
            csv.AppendJoin(',', cells.Select(SummaryCsv.Quote)).Append('\n');
        }

        return csv.ToString();
    }

    // Empty where a side has no value: a spreadsheet must not read it as 0.
    private static string N(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}

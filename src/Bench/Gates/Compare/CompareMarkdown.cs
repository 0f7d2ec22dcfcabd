using System.Text;
using Bench.Gates.Output;
using Bench.Gates.Syntax;

namespace Bench.Gates.Compare;

/// <summary>The comparison as Markdown: a table per scenario, changes marked only beyond the noise.</summary>
public static class CompareMarkdown
{
    public static string Write(ComparisonReport report, string runA, string runB)
    {
        var md = new StringBuilder();
        md.Append("## Bench compare\n\nA: `").Append(runA).Append("`  \nB: `").Append(runB).Append("`\n\n").Append(report.Summary).Append('\n');
        foreach (string note in report.Notes)
        {
            md.Append("\n- ").Append(MarkdownCell.Escape(note));
        }

        foreach (var scenario in report.Rows.GroupBy(r => r.Scenario))
        {
            md.Append("\n\n### ").Append(scenario.Key).Append("\n\n| target | level | metric | A | B | change | noise | verdict | note |\n|---|---:|---|---:|---:|---:|---:|---|---|\n");
            foreach (var r in scenario)
            {
                string verdict = r.Verdict is ChangeVerdict.Worse ? $"**{CompareText.Verdict(r.Verdict)}**" : CompareText.Verdict(r.Verdict);
                md.Append("| ").Append(r.Target).Append(" | ").Append(r.Level).Append(" | ").Append(GateMetrics.Name(r.Metric))
                    .Append(" | ").Append(CompareText.Side(r.Metric, r.A)).Append(" | ").Append(CompareText.Side(r.Metric, r.B))
                    .Append(" | ").Append(CompareText.Change(r)).Append(" | ").Append(CompareText.Noise(r))
                    .Append(" | ").Append(verdict).Append(" | ").Append(MarkdownCell.Escape(r.Note ?? "")).Append(" |\n");
            }
        }

        return md.ToString();
    }
}

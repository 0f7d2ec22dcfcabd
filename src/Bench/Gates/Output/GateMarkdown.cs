using System.Text;

namespace Bench.Gates.Output;

/// <summary>The gate report as Markdown: for --markdown, and appended to $GITHUB_STEP_SUMMARY so a CI run shows it on its page.</summary>
public static class GateMarkdown
{
    public static string Write(GateReport report)
    {
        var md = new StringBuilder();
        md.Append("## Bench gates: ").Append(Verdict(report.Status)).Append("\n\n").Append(report.Summary).Append('\n');
        if (report.RunProblems.Count > 0)
        {
            md.Append("\nThe run is not valid for gating:\n\n");
            foreach (string problem in report.RunProblems)
            {
                md.Append("- ").Append(MarkdownCell.Escape(problem)).Append('\n');
            }
        }

        // The why column only when a scenario explains a gate: reports of gates without one keep their shape.
        bool why = report.Checks.Any(c => c.Why is not null);
        md.Append("\n| result | scenario | gate | expected | measured | margin | note |").Append(why ? " why |" : "").Append("\n|---|---|---|---|---|---|---|").Append(why ? "---|" : "").Append('\n');
        foreach (var check in report.Checks)
        {
            md.Append("| ").Append(Result(check.Status))
                .Append(" | ").Append(MarkdownCell.Escape(check.Scenario))
                .Append(" | `").Append(MarkdownCell.Escape(check.Gate)).Append("` (").Append(MarkdownCell.Escape(check.Source.ToString())).Append(')')
                .Append(" | ").Append(MarkdownCell.Escape(check.Expected))
                .Append(" | ").Append(MarkdownCell.Escape(check.Measured))
                .Append(" | ").Append(MarkdownCell.Escape(check.Margin))
                .Append(" | ").Append(MarkdownCell.Escape(check.Note ?? ""))
                .Append(why ? $" | {MarkdownCell.Escape(check.Why ?? "")}" : "")
                .Append(" |\n");
        }

        return md.ToString();
    }

    private static string Verdict(GateStatus status) => status switch
    {
        GateStatus.Passed => "passed",
        GateStatus.Failed => "FAILED",
        _ => "run INVALID",
    };

    private static string Result(GateStatus status) => status switch
    {
        GateStatus.Passed => "✅ pass",
        GateStatus.Failed => "❌ **FAIL**",
        _ => "⚠️ invalid",
    };
}

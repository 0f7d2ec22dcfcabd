namespace Bench.Gates.Output;

/// <summary>Text for a Markdown table cell: one line, and a '|' escaped (it would end the cell).</summary>
public static class MarkdownCell
{
    public static string Escape(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
}

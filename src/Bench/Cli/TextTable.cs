using System.Text;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>A column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">Its heading, and its label in the stacked layout.</param>
/// <param name="AlignRight">Numbers align right.</param>
/// <param name="Lead">Stays on the row's first line in the stacked layout (what names the row).</param>
/// <param name="DropOrder">0: always shown; otherwise left out, highest first, while a row is too wide.</param>
public sealed record TextColumn(string Header, bool AlignRight = false, bool Lead = false, int DropOrder = 0);

/// <summary>One cell's text and its Spectre style ("red", "green"), which only colours it.</summary>
public sealed record TextCell(string Text, string? Style = null);

/// <summary>
/// A table as plain aligned text that never breaks a cell across lines (Spectre's Table squeezes every cell into the
/// width: "through / put", "verdi…"). Each row is one line; where that is too wide, the columns with a
/// <see cref="TextColumn.DropOrder"/> are left out, highest first, and named under the table; where even that is too
/// wide, each row's lead cells make its first line and the others follow on indented lines as whole "header value"
/// pairs. A row's note goes on indented lines of its own, wrapped at spaces.
/// </summary>
public sealed class TextTable(params TextColumn[] columns)
{
    private const string Gap = "  ";
    private const string Indent = "    ";
    private readonly List<(TextCell[] Cells, string? Note)> _rows = [];

    public void AddRow(IReadOnlyList<TextCell> cells, string? note = null)
    {
        if (cells.Count != columns.Length)
        {
            throw new ArgumentException($"{cells.Count} cells for {columns.Length} columns", nameof(cells));
        }

        _rows.Add(([.. cells], string.IsNullOrEmpty(note) ? null : note));
    }

    /// <summary>The table's lines for a console <paramref name="width"/> columns wide (no line is longer than width − 1).</summary>
    public IReadOnlyList<IReadOnlyList<TextCell>> Layout(int width)
    {
        int limit = Math.Max(width - 1, 20); // the last column of a terminal wraps on some terminals: leave it empty
        var visible = Enumerable.Range(0, columns.Length).ToList();
        var dropped = new List<int>();
        while (RowWidth(visible) > limit && visible.Where(i => columns[i].DropOrder > 0).OrderByDescending(i => columns[i].DropOrder).FirstOrDefault(-1) is var next and >= 0)
        {
            visible.Remove(next);
            dropped.Add(next);
        }

        if (RowWidth(visible) > limit)
        {
            return Stacked(limit);
        }

        var lines = Aligned(visible, limit);
        if (dropped.Count > 0)
        {
            lines.Add([new TextCell($"(not shown at this width: {string.Join(", ", dropped.Order().Select(i => columns[i].Header))})", "grey")]);
        }

        return lines;
    }

    public void Write(IAnsiConsole console)
    {
        foreach (var line in Layout(console.Profile.Width))
        {
            console.MarkupLine(string.Concat(line.Select(s => s.Style is null ? Markup.Escape(s.Text) : $"[{s.Style}]{Markup.Escape(s.Text)}[/]")));
        }
    }

    private int ColumnWidth(int column) => _rows.Select(r => r.Cells[column].Text.Length).Append(columns[column].Header.Length).Max();

    private int RowWidth(List<int> visible) => visible.Sum(ColumnWidth) + (Gap.Length * (visible.Count - 1));

    private List<IReadOnlyList<TextCell>> Aligned(List<int> visible, int limit)
    {
        var widths = visible.ToDictionary(i => i, ColumnWidth);
        List<IReadOnlyList<TextCell>> lines =
        [
            Line(visible.Select(i => new TextCell(columns[i].Header, "bold")).ToArray(), visible, widths),
            new[] { new TextCell(new string('-', RowWidth(visible))) },
        ];
        foreach (var (cells, note) in _rows)
        {
            lines.Add(Line(visible.Select(i => cells[i]).ToArray(), visible, widths));
            AddNote(lines, note, limit);
        }

        return lines;
    }

    private List<TextCell> Line(TextCell[] cells, List<int> visible, Dictionary<int, int> widths)
    {
        var line = new List<TextCell>();
        for (int k = 0; k < cells.Length; k++)
        {
            int column = visible[k];
            bool last = k == cells.Length - 1;
            string text = cells[k].Text;
            string padding = new(' ', widths[column] - text.Length);
            if (columns[column].AlignRight)
            {
                line.Add(new TextCell(padding));
                padding = "";
            }

            line.Add(cells[k]);
            if (!last)
            {
                line.Add(new TextCell(padding + Gap));
            }
        }

        return line;
    }

    private List<IReadOnlyList<TextCell>> Stacked(int limit)
    {
        var lead = Enumerable.Range(0, columns.Length).Where(i => columns[i].Lead).ToList();
        var rest = Enumerable.Range(0, columns.Length).Where(i => !columns[i].Lead).ToList();
        var widths = lead.ToDictionary(i => i, i => _rows.Max(r => r.Cells[i].Text.Length)); // no headings in this layout
        var lines = new List<IReadOnlyList<TextCell>>();
        foreach (var (cells, note) in _rows)
        {
            lines.Add(Line(lead.Select(i => cells[i]).ToArray(), lead, widths));
            var line = new List<TextCell>();
            int length = Indent.Length;
            foreach (int i in rest.Where(i => cells[i].Text.Length > 0))
            {
                string label = columns[i].Header + " ";
                int pair = label.Length + cells[i].Text.Length;
                if (line.Count > 0 && length + Gap.Length + pair > limit)
                {
                    lines.Add([new TextCell(Indent), .. line]);
                    line = [];
                    length = Indent.Length;
                }

                line.AddRange(line.Count > 0 ? [new TextCell(Gap + label, "grey"), cells[i]] : [new TextCell(label, "grey"), cells[i]]);
                length += (line.Count > 2 ? Gap.Length : 0) + pair;
            }

            if (line.Count > 0)
            {
                lines.Add([new TextCell(Indent), .. line]);
            }

            AddNote(lines, note, limit);
        }

        return lines;
    }

    private static void AddNote(List<IReadOnlyList<TextCell>> lines, string? note, int limit)
    {
        if (note is null)
        {
            return;
        }

        var line = new StringBuilder(Indent);
        foreach (string word in note.ReplaceLineEndings(" ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > Indent.Length && line.Length + 1 + word.Length > limit)
            {
                lines.Add([new TextCell(line.ToString(), "grey")]);
                line.Clear().Append(Indent).Append("  "); // continued
            }

            line.Append(line.Length > Indent.Length && line[^1] != ' ' ? " " : "").Append(word);
        }

        lines.Add([new TextCell(line.ToString(), "grey")]);
    }
}

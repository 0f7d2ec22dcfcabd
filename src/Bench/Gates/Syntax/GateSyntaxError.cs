using Bench.Configuration;

namespace Bench.Gates.Syntax;

/// <summary>What could not be read in a gate, and where in its text (0-based), so a caller can point at the column.</summary>
public sealed record GateSyntaxError(int Offset, string Message)
{
    /// <summary>
    /// The file position of the offending part, given where the gate's text starts; a gate folded over several
    /// lines points at its start (its columns no longer follow the text).
    /// </summary>
    public SourceLocation LocationIn(SourceLocation start, string text) =>
        start.Line > 0 && !text.Contains('\n', StringComparison.Ordinal) ? start with { Column = start.Column + Offset } : start;
}

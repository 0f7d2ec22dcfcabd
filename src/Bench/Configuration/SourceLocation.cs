namespace Bench.Configuration;

/// <summary>Where something was found in an input file; 1-based, as editors count. Line 0 means "the file as a whole".</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    /// <summary>The inverse of <see cref="ToString"/> (as results.json keeps locations); the file part may itself hold colons.</summary>
    public static SourceLocation Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length >= 3 && int.TryParse(parts[^2], out int line) && int.TryParse(parts[^1], out int column) && line > 0
            ? new SourceLocation(string.Join(':', parts[..^2]), line, column)
            : WholeFile(text);
    }

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

namespace Bench.Configuration;

/// <summary>Where something was found in an input file; 1-based, as editors count. Line 0 means "the file as a whole".</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation WholeFile(string file) => new(file, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

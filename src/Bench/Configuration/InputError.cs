namespace Bench.Configuration;

/// <summary>One problem in an input file, printed as <c>file:line:column: message</c>.</summary>
public sealed record InputError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

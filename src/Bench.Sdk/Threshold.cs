using System.Runtime.CompilerServices;

namespace Bench.Sdk;

/// <summary>
/// A threshold in Bench's gate language (docs/gates.md), checked after the run as <c>bench gate</c> checks a YAML
/// scenario's gates: a failed one makes the run exit 1. Without a <c>target@level</c> in front, it applies to the whole
/// scenario at every level: <c>"p99 &lt; 50ms"</c> means <c>"checkout@* p99 &lt; 50ms"</c>; a step is a target of its own
/// (<c>"login@* errorRate &lt; 1%"</c>). Where it was written (file:line) is kept, so a bad one is reported there.
/// </summary>
public sealed record Threshold
{
    private Threshold(string expression, string file, int line)
    {
        Expression = expression;
        File = file;
        Line = line;
    }

    /// <summary>The gate as written.</summary>
    public string Expression { get; }

    public string File { get; }

    public int Line { get; }

    public static Threshold Create(string expression, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(expression ?? throw new ArgumentNullException(nameof(expression)), file, line);
}

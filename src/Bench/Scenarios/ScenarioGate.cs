using Bench.Configuration;

namespace Bench.Scenarios;

/// <summary>A gate exactly as written (parsed elsewhere), with where it was written so its errors can point there.</summary>
public sealed record ScenarioGate(string Expression, SourceLocation Location)
{
    /// <summary>One sentence saying why the gate should hold (what it shows), shown beside its outcome; null when none was written.</summary>
    public string? Why { get; init; }
}

namespace Bench.Results;

/// <summary>
/// A background stream's numbers in one level (<see cref="Scenarios.Background"/>): recorded apart from the level's
/// own, which are the scenario's request alone. The target's resources cover every stream of the window.
/// </summary>
public sealed record BackgroundResult(
    string Name,
    string Path,
    long Requests,
    double ThroughputRps,
    LatencySummary? LatencyMs,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors);

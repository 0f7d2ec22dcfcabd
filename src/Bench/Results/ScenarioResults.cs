namespace Bench.Results;

/// <summary>One scenario of a run: what it asked for, which targets passed verification, and one entry per target × level × repeat.</summary>
public sealed record ScenarioResults(
    string Name,
    ScenarioDefinition Definition,
    IReadOnlyList<TargetVerification> Verification,
    IReadOnlyList<LevelResult> Results);

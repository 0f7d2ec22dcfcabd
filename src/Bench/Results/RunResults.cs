namespace Bench.Results;

/// <summary>
/// Everything a run measured: the root of results.json (docs/results.schema.json). Rewritten after every
/// level, so an interrupted run keeps every level it completed.
/// </summary>
public sealed record RunResults(int SchemaVersion, RunInfo Run, IReadOnlyList<ScenarioResults> Scenarios)
{
    public const int CurrentSchemaVersion = 2;

    public static RunResults Start(RunInfo run) => new(CurrentSchemaVersion, run, []);
}

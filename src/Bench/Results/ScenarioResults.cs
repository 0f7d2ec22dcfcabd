namespace Bench.Results;

/// <summary>One scenario of a run: what it asked for, which targets passed verification, and one entry per target × level × repeat.</summary>
public sealed record ScenarioResults(
    string Name,
    ScenarioDefinition Definition,
    IReadOnlyList<TargetVerification> Verification,
    IReadOnlyList<LevelResult> Results)
{
    /// <summary>Per target × level, its throughput's confidence interval over the repeats (empty in results written before it existed).</summary>
    public IReadOnlyList<CellInterval> Intervals
    {
        get => _intervals;
        init => _intervals = value ?? []; // the JSON reader sets null when an older file has no such field
    }

    private readonly IReadOnlyList<CellInterval> _intervals = [];

    /// <summary>
    /// How many repeats the cell <paramref name="target"/> × <paramref name="level"/> was planned to have: the fixed count;
    /// with <c>repeats: auto</c>, the count at which it converged, or the maximum when it never did (or the run ended
    /// before it could). A cell with fewer repeats than this did not get what the scenario asked for.
    /// </summary>
    public int PlannedRepeats(string target, int level) =>
        Definition.Load.AutoRepeats is not null
        && Intervals.FirstOrDefault(c => c.Target == target && c.Level == level) is { Converged: true } converged
            ? converged.Runs
            : Definition.Load.Repeats;
}

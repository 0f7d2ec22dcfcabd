using Bench.Scenarios;

namespace Bench.Results;

/// <summary>
/// The results of a run as it goes: each call records one thing and rewrites the run folder, so what is on disk
/// is always every completed step. Used by one runner loop at a time (not thread-safe). After an interrupt, call
/// <see cref="CompleteAsync"/> with <see cref="CancellationToken.None"/> so the last write is not itself cancelled.
/// </summary>
public sealed class RunRecorder(RunWriter writer, RunInfo run)
{
    public RunResults Current { get; private set; } = RunResults.Start(run);

    public RunWriter Writer { get; } = writer;

    public Task AddScenarioAsync(Scenario scenario, CancellationToken cancellationToken) => AddScenarioAsync(scenario, null, cancellationToken);

    /// <summary>Records a scenario before its first level; <paramref name="placement"/> is where its targets run when not where the run's do.</summary>
    public Task AddScenarioAsync(Scenario scenario, PlacementDefinition? placement, CancellationToken cancellationToken)
    {
        if (Current.Scenarios.Any(s => s.Name == scenario.Name))
        {
            throw new InvalidOperationException($"scenario '{scenario.Name}' is already recorded");
        }

        var added = new ScenarioResults(scenario.Name, ScenarioDefinition.From(scenario) with { Placement = placement }, [], []);
        return SaveAsync(Current with { Scenarios = [.. Current.Scenarios, added] }, cancellationToken);
    }

    /// <summary>Records a target's verification; a later one for the same target (after a restart) replaces it.</summary>
    public Task RecordVerificationAsync(string scenario, TargetVerification verification, CancellationToken cancellationToken) =>
        UpdateAsync(scenario, s => s with { Verification = [.. s.Verification.Where(v => v.Target != verification.Target), verification] }, cancellationToken);

    public Task RecordLevelAsync(string scenario, LevelResult level, CancellationToken cancellationToken) =>
        UpdateAsync(scenario, s => s with { Results = [.. s.Results, level] }, cancellationToken);

    /// <summary>Records a level and, in the same write, its cell's interval so far (replacing the cell's previous one).</summary>
    public Task RecordLevelAsync(string scenario, LevelResult level, CellInterval interval, CancellationToken cancellationToken) =>
        UpdateAsync(
            scenario,
            s => s with
            {
                Results = [.. s.Results, level],
                Intervals = [.. s.Intervals.Where(c => c.Target != interval.Target || c.Level != interval.Level), interval],
            },
            cancellationToken);

    public Task CompleteAsync(DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        SaveAsync(Current with { Run = Current.Run with { EndedAt = endedAt } }, cancellationToken);

    private Task UpdateAsync(string scenario, Func<ScenarioResults, ScenarioResults> change, CancellationToken cancellationToken)
    {
        var existing = Current.Scenarios.FirstOrDefault(s => s.Name == scenario)
            ?? throw new InvalidOperationException($"scenario '{scenario}' is not recorded; call AddScenarioAsync first");
        return SaveAsync(Current with { Scenarios = Current.Scenarios.Select(s => s == existing ? change(s) : s).ToArray() }, cancellationToken);
    }

    private async Task SaveAsync(RunResults next, CancellationToken cancellationToken)
    {
        Current = next;
        await Writer.WriteAsync(next, cancellationToken);
    }
}

using Bench.Results;

namespace Bench.Sdk.Recording;

/// <summary>
/// The run's results.json as it goes, rewritten (through Bench's <see cref="RunWriter"/>: results.json, summary.csv,
/// summary.md) after every level of every scenario, so Ctrl-C keeps what was measured. Scenarios run at once, so
/// changes are serialised; writes are never cancelled (the last one after Ctrl-C must land).
/// </summary>
internal sealed class ResultsLog(RunWriter writer, RunInfo run) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RunResults Current { get; private set; } = RunResults.Start(run);

    public RunWriter Writer { get; } = writer;

    public Task AddAsync(ScenarioResults scenario) => ChangeAsync(r => r with { Scenarios = [.. r.Scenarios, scenario] });

    /// <summary>Adds a level's records to <paramref name="scenario"/>, whose targets are now <paramref name="targets"/> (steps appear as they first run).</summary>
    public Task RecordAsync(string scenario, IReadOnlyList<string> targets, IReadOnlyList<LevelResult> records) =>
        ChangeScenarioAsync(scenario, s => s with
        {
            Definition = s.Definition with { Targets = targets },
            Results = [.. s.Results, .. records],
        });

    public Task ChangeScenarioAsync(string scenario, Func<ScenarioResults, ScenarioResults> change) =>
        ChangeAsync(r => r with { Scenarios = r.Scenarios.Select(s => s.Name == scenario ? change(s) : s).ToArray() });

    public Task CompleteAsync(DateTimeOffset endedAt) => ChangeAsync(r => r with { Run = r.Run with { EndedAt = endedAt } });

    public void Dispose() => _gate.Dispose();

    private async Task ChangeAsync(Func<RunResults, RunResults> change)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            Current = change(Current);
            await Writer.WriteAsync(Current, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench run` and `bench scenarios validate` with <c>repeats: auto</c>: real targets, results read back from disk.</summary>
public sealed class RunAutoRepeatsTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();

    // /io?ms=10 on one connection is about 90 req/s on any target, steady within a few % (±15 % on a loaded machine):
    // ±50 % is reached at the minimum of 3 repeats, well before the maximum of 5.
    private string Scenario() => _run.Write("auto.yaml", """
        name: auto
        description: auto repeats
        targets: [sync, async]
        request: { path: "/io?ms=10" }
        load: { levels: [1], warmup: 200ms, duration: 1s, cooldown: 50ms, timeout: 2s, repeats: { auto: true, max: 5, ci: 50% } }
        """);

    [Fact]
    public async Task Cells_repeat_interleaved_until_they_converge_and_record_their_interval()
    {
        string output = _run.Output;

        var outcome = await BenchExecutable.RunAsync(Ct, "run", Scenario(), "--out", output);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr + outcome.Stdout);
        var scenario = Assert.Single((await ResultsJson.ReadAsync(Path.Combine(output, "results.json"), Ct)).Scenarios);
        string said = string.Join(", ", scenario.Results.Select(r => $"{r.Target}#{r.Repeat} {r.ThroughputRps:0}"));
        // Interleaved: round by round, sync before async in each.
        Assert.Equal(scenario.Results.OrderBy(r => r.Repeat).ThenBy(r => r.Target == "async").Select(r => (r.Target, r.Repeat)), scenario.Results.Select(r => (r.Target, r.Repeat)));
        Assert.Equal(["async", "sync"], scenario.Intervals.Select(c => c.Target).Order());
        foreach (var cell in scenario.Intervals)
        {
            Assert.Equal(cell.Runs, scenario.Results.Count(r => r.Target == cell.Target));
            Assert.InRange(cell.Runs, 3, 5);
            Assert.True(cell.Converged == true || cell.Runs == 5, said);
            Assert.Equal(cell.Converged == true ? cell.Runs : 5, scenario.PlannedRepeats(cell.Target, 1));
        }

        // The point of auto: steady cells stop at the minimum instead of running to the maximum.
        Assert.True(scenario.Intervals.Any(c => c is { Runs: 3, Converged: true }), said);
        Assert.Contains("converged after 3 repeats", outcome.Stdout, StringComparison.Ordinal);
        Assert.Equal(new AutoRepeatsDefinition(3, 5, 50), scenario.Definition.Load.AutoRepeats);
        Assert.Contains("up to", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validating_an_auto_scenario_says_its_sweep_time_is_an_upper_bound()
    {
        var outcome = await BenchCommand.RunAsync("scenarios", "validate", Scenario());

        Assert.Equal(0, outcome.ExitCode);
        // 2 targets × (5 × 1.2 s + 4 × 0.05 s) = 12.4 s at most.
        Assert.Contains("up to 12 s", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("sweeping them takes up to 12 s", outcome.Stdout, StringComparison.Ordinal);
    }
}

using Bench.Results;
using Bench.Scenarios;

namespace Bench.Tests.Support;

/// <summary>
/// Runs recorded the way `bench run` records them (RunRecorder writing a real run folder), with the numbers a test
/// needs: scenarios loaded from YAML with their gates, levels built from <see cref="SampleResults"/>.
/// </summary>
public sealed class RecordedRuns : IDisposable
{
    public static readonly string[] Targets = ["sync", "async"];
    public static readonly int[] LevelsRun = [1, 64];

    private readonly string _root = Directory.CreateTempSubdirectory("bench-gates-").FullName;
    private int _runs;

    public string Root => _root;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A scenario "io" on sync and async at levels 1 and 64, with <paramref name="gates"/>.</summary>
    public static Scenario Scenario(int repeats, params string[] gates) => Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse(
        $$"""
        name: io
        description: every request waits 20 ms
        targets: [sync, async]
        request: { path: "/io?ms=20" }
        load: { levels: [1, 64], repeats: {{repeats}} }
        gates:
        {{string.Concat(gates.Select(g => $"  - \"{g}\"\n"))}}
        """,
        "scenarios/io.yaml"));

    /// <summary>A level with the given throughput and p99 (ms) and <paramref name="errors"/> timeouts.</summary>
    public static LevelResult Level(string target, int level, int repeat, double rps, double p99 = 25.5, long errors = 0, bool valid = true) =>
        SampleResults.Level(target, level, repeat, rps, valid) with
        {
            LatencyMs = new LatencySummary(p99 * 0.8, 1, p99 * 0.8, p99 * 0.85, p99 * 0.9, p99, p99 * 1.1, p99 * 1.2, p99 * 1.3),
            ErrorCount = errors,
            Errors = errors == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { ["timeout"] = errors },
        };

    /// <summary><paramref name="level"/> with no successful response: every request failed, so no latency and no CPU per request.</summary>
    public static LevelResult WithoutSuccess(LevelResult level, long errors = 500) =>
        level with { Requests = 0, ThroughputRps = 0, ErrorCount = errors, LatencyMs = null, Resources = level.Resources with { CpuMsPerRequest = null } };

    /// <summary>Every target × level × repeat of <see cref="Scenario"/> at the throughput <paramref name="rps"/> gives for it.</summary>
    public static IEnumerable<LevelResult> Levels(int repeats, Func<string, int, int, double> rps) =>
        from repeat in Enumerable.Range(1, repeats)
        from target in Targets
        from level in LevelsRun
        select Level(target, level, repeat, rps(target, level, repeat));

    /// <summary>Records a run in a new folder under <see cref="Root"/>; returns the folder.</summary>
    public async Task<string> RecordAsync(
        Scenario scenario,
        IEnumerable<LevelResult> levels,
        bool finished = true,
        IEnumerable<TargetVerification>? verification = null)
    {
        string dir = Path.Combine(_root, $"run-{++_runs}");
        var recorder = new RunRecorder(new RunWriter(dir), SampleResults.Run());
        var ct = TestContext.Current.CancellationToken;
        await recorder.AddScenarioAsync(scenario, ct);
        foreach (var check in verification ?? scenario.Targets.Select(t => new TargetVerification(t, true, null)))
        {
            await recorder.RecordVerificationAsync(scenario.Name, check, ct);
        }

        foreach (var level in levels)
        {
            await recorder.RecordLevelAsync(scenario.Name, level, ct);
        }

        if (finished)
        {
            await recorder.CompleteAsync(SampleResults.Start.AddMinutes(5), ct);
        }

        return dir;
    }

    public static Task<RunResults> ReadAsync(string runDirectory) =>
        ResultsJson.ReadAsync(Path.Combine(runDirectory, ResultsJson.FileName), TestContext.Current.CancellationToken);
}

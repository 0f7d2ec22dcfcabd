using Bench.Gates.Baselines;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench baseline update` writes one baseline per scenario, and only from a run valid throughout.</summary>
public sealed class BaselineCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    [Fact]
    public async Task A_valid_run_writes_its_scenario_s_baseline_and_a_regression_gate_then_passes_on_it()
    {
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(3, "*@* throughput regression < 10%"), RecordedRuns.Levels(3, (t, l, r) => 1000 + r));
        string folder = Path.Combine(_runs.Root, "baselines");

        var update = await BenchCommand.RunAsync("baseline", "update", run, "--baseline", folder);
        var gate = await BenchCommand.RunAsync("gate", run, "--baseline", folder);

        Assert.Equal(0, update.ExitCode);
        Assert.Equal($"wrote {Path.Combine(folder, "io.json")}: 4 target × level entries, 3 repeat(s) each", update.Stdout.Trim());
        var baseline = await new BaselineStore(folder).ReadAsync("io", Ct);
        Assert.Equal(3, baseline!.Find("async", 64)!.Metrics["throughput"]!.N);
        Assert.Equal(0, gate.ExitCode);
    }

    [Theory]
    [InlineData(false, 1, "the run did not finish (results.json has no run.endedAt)")]
    [InlineData(true, 2, "io: sync@1 has 1 of 2 planned repeat(s)")]
    public async Task An_unfinished_run_or_a_cell_short_of_its_planned_repeats_exits_three_with_one_line_and_writes_nothing(bool finished, int repeats, string why)
    {
        var levels = RecordedRuns.Levels(repeats, (t, l, r) => 50).Where(l => !(l.Target == "sync" && l.Level == 1 && l.Repeat == 2));
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(repeats), levels, finished);
        string folder = Path.Combine(_runs.Root, "baselines");

        var outcome = await BenchCommand.RunAsync("baseline", "update", run, "--baseline", folder);

        Assert.Equal((3, $"bench baseline update: no baseline written: {why}"), (outcome.ExitCode, outcome.Stderr.Trim()));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task An_invalid_run_exits_three_says_why_and_writes_nothing()
    {
        var levels = RecordedRuns.Levels(1, (t, l, r) => 50).Select(l => l.Level == 64 && l.Target == "async" ? l with { Valid = false, InvalidReason = "rate not reached" } : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1), levels);
        string folder = Path.Combine(_runs.Root, "baselines");

        var outcome = await BenchCommand.RunAsync("baseline", "update", run, "--baseline", folder);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Equal(
            ["bench baseline update: the run is not valid throughout; no baseline written:", "  io: async@64 repeat 1 is invalid: rate not reached"],
            outcome.Stderr.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(folder));
    }
}

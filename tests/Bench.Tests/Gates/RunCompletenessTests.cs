using Bench.Gates;
using Bench.Tests.Support;

namespace Bench.Tests.Gates;

/// <summary>A run is whole when it finished and every cell of a verified target has its planned repeats.</summary>
public sealed class RunCompletenessTests : IDisposable
{
    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    [Fact]
    public async Task A_finished_run_with_every_planned_repeat_is_whole_and_a_target_that_failed_verification_does_not_make_it_partial()
    {
        var levels = RecordedRuns.Levels(2, (t, l, r) => 50).Where(l => l.Target == "async");
        var run = await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(2), levels, verification: [new("sync", false, "not ready"), new("async", true, null)]));

        Assert.Empty(RunCompleteness.Problems(run));
        Assert.Equal(2, RunCompleteness.PlannedRepeats(run.Scenarios[0], "async", 64));
    }

    [Fact]
    public async Task Every_cell_short_of_its_repeats_is_named_and_the_one_line_form_counts_the_rest()
    {
        var levels = RecordedRuns.Levels(3, (t, l, r) => 50).Where(l => l.Repeat == 1 || (l.Target == "sync" && l.Level == 1));
        var run = await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(3), levels, finished: false));

        var problems = RunCompleteness.Problems(run);

        Assert.Equal(
        [
            "the run did not finish (results.json has no run.endedAt)",
            "io: sync@64 has 1 of 3 planned repeat(s)",
            "io: async@1 has 1 of 3 planned repeat(s)",
            "io: async@64 has 1 of 3 planned repeat(s)",
        ], problems);
        Assert.Equal("the run did not finish (results.json has no run.endedAt); io: sync@64 has 1 of 3 planned repeat(s); io: async@1 has 1 of 3 planned repeat(s) (and 1 more)", RunCompleteness.OneLine(problems));
    }
}

using System.Text.Json;
using Bench.Gates;
using Bench.Gates.Baselines;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Gates.Baselines;

/// <summary>Baselines hold each metric's mean, spread and count per target × level, and come only from runs valid throughout.</summary>
public sealed class BaselineTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Made = new(2025, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private async Task<RunResults> ThreeRepeatsAsync() =>
        await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(3), RecordedRuns.Levels(3, (t, l, r) => 1000 + (100 * r))));

    [Fact]
    public async Task Each_metric_gets_the_mean_sample_stdev_and_count_of_the_repeats()
    {
        var run = await ThreeRepeatsAsync();

        var baseline = BaselineBuilder.From(run, run.Scenarios[0], Made);

        Assert.Equal(("io", "GET /io?ms=20", "closed", Made), (baseline.Scenario, baseline.Request, baseline.Model, baseline.CreatedAt));
        Assert.Equal(["sync@1", "sync@64", "async@1", "async@64"], baseline.Entries.Select(e => $"{e.Target}@{e.Level}"));
        var throughput = baseline.Find("async", 64)!.Metrics["throughput"]!;
        Assert.Equal((1200.0, 100.0, 3), (throughput.Mean, throughput.Stdev, throughput.N));
        Assert.Equal(13, baseline.Find("sync", 1)!.Metrics.Count);
        Assert.Null(baseline.Find("sync", 1)!.Metrics["fairness"]); // the recorded levels have none: null, not 0
        Assert.Null(baseline.Find("sync", 1)!.Metrics["vsPrediction"]); // not a simul: no prediction to hold it against
        Assert.Equal(25.5, baseline.Find("sync", 1)!.Metrics["p99"]!.Mean);
        Assert.Equal(run.Run.BenchCommit, baseline.Origin.BenchCommit);
    }

    [Fact]
    public async Task A_stored_baseline_reads_back_equal_and_satisfies_its_schema()
    {
        var run = await ThreeRepeatsAsync();
        var store = new BaselineStore(Path.Combine(_runs.Root, "baselines"));
        var baseline = BaselineBuilder.From(run, run.Scenarios[0], Made);

        string path = await store.WriteAsync(baseline, Ct);
        var read = await store.ReadAsync("io", Ct);

        Assert.Equal(Path.Combine(_runs.Root, "baselines", "io.json"), path);
        Assert.Equal(JsonSerializer.Serialize(baseline.Entries), JsonSerializer.Serialize(read!.Entries));
        Assert.Equal(baseline with { Entries = read.Entries }, read);
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs", "baseline.schema.json"), Ct));
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(path, Ct));
        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
    }

    [Fact]
    public async Task A_missing_baseline_reads_as_none_and_a_broken_one_says_which_file()
    {
        var store = new BaselineStore(_runs.Root);
        await File.WriteAllTextAsync(store.PathFor("broken"), "{\"schemaVersion\": 7}", Ct);

        Assert.Null(await store.ReadAsync("io", Ct));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync("broken", Ct));
        Assert.Equal($"{store.PathFor("broken")}: schemaVersion 7; this Bench reads 1", error.Message);
    }

    [Fact]
    public async Task A_run_that_is_not_valid_throughout_makes_no_baseline_and_says_why()
    {
        var levels = RecordedRuns.Levels(1, (t, l, r) => 50).Where(l => l.Target == "async").Select(l => l.Level == 64 ? l with { Valid = false, InvalidReason = "rate not reached" } : l);
        string dir = await _runs.RecordAsync(RecordedRuns.Scenario(1), levels, finished: false, verification: [new("sync", false, "not ready within 15 s"), new("async", true, null)]);

        var problems = BaselineBuilder.Problems(await RecordedRuns.ReadAsync(dir));

        Assert.Equal(
        [
            "the run did not finish (results.json has no run.endedAt)",
            "io: sync failed verification: not ready within 15 s",
            "io: async@64 repeat 1 is invalid: rate not reached",
        ], problems);
    }

    [Fact]
    public void Statistics_of_one_value_have_no_spread()
    {
        Assert.Equal(new MetricStats(5, 0, 1), MetricStats.From([5.0]));
        Assert.Equal(2.5, MetricStats.Median([4.0, 1, 3, 2]));
    }
}

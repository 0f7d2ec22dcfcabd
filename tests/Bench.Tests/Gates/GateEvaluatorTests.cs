using Bench.Configuration;
using Bench.Gates;
using Bench.Gates.Baselines;
using Bench.Results;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Gates;

/// <summary>Absolute and ratio gates on recorded runs: each passes and fails, wildcards expand, and invalid numbers never pass.</summary>
public sealed class GateEvaluatorTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    // sync serves 50 requests/s at every level; async 50 at one connection and 3000 at 64.
    private static double Rps(string target, int level, int repeat) => target == "async" && level == 64 ? 3000 : 50;

    private async Task<GateReport> EvaluateAsync(string runDirectory) =>
        await new GateEvaluator(new BaselineStore(Path.Combine(_runs.Root, "baselines")), NoiseModel.Default).EvaluateAsync(await RecordedRuns.ReadAsync(runDirectory), Ct);

    private async Task<GateReport> GateAsync(params string[] gates) =>
        await EvaluateAsync(await _runs.RecordAsync(RecordedRuns.Scenario(1, gates), RecordedRuns.Levels(1, Rps)));

    [Fact]
    public async Task An_absolute_gate_passes_within_its_threshold_and_fails_beyond_it_saying_by_how_much()
    {
        var report = await GateAsync("async@64 p99 < 30ms", "async@64 p99 < 20ms", "async@64 throughput >= 2000", "async@64 throughput >= 4000");

        Assert.Equal(
        [
            ("async@64 p99 < 30ms", GateStatus.Passed, "< 30 ms", "25.5 ms", "+4.5 ms (+15%)"),
            ("async@64 p99 < 20ms", GateStatus.Failed, "< 20 ms", "25.5 ms", "-5.5 ms (-27.5%)"),
            ("async@64 throughput >= 2000", GateStatus.Passed, ">= 2000 req/s", "3000 req/s", "+1000 req/s (+50%)"),
            ("async@64 throughput >= 4000", GateStatus.Failed, ">= 4000 req/s", "3000 req/s", "-1000 req/s (-25%)"),
        ], report.Checks.Select(c => (c.Gate, c.Status, c.Expected, c.Measured, c.Margin)));
        Assert.Equal(GateStatus.Failed, report.Status);
        Assert.All(report.Checks, c => Assert.Equal(("io", "scenarios/io.yaml"), (c.Scenario, c.Source.File)));
    }

    [Fact]
    public async Task A_gate_on_a_noisy_cell_keeps_its_verdict_and_says_noisy_in_its_note()
    {
        var levels = RecordedRuns.Levels(1, Rps).Select(x => x with
        {
            Interference = new Bench.Launch.Sampling.Interference([0, 1], 0, x.Target == "sync" && x.Level == 64 ? 0.2 : 0.01),
        });

        var report = await EvaluateAsync(await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 2000", "async@64 throughput / sync@64 throughput >= 10"), levels));

        Assert.Equal(GateStatus.Passed, report.Checks[0].Status);
        Assert.Null(report.Checks[0].Note);
        Assert.Equal(GateStatus.Passed, report.Checks[1].Status);
        Assert.Equal("sync@64: noisy: 20% of cores 0,1 taken by other work (steal 0%, other processes 20%)", report.Checks[1].Note);
    }

    [Theory]
    [InlineData("async@64 mean < 21ms", true)]
    [InlineData("async@64 mean < 20ms", false)]
    [InlineData("async@64 p50 <= 20.41ms", true)]
    [InlineData("async@64 p90 < 22ms", false)]
    [InlineData("async@64 p999 < 0.03s", true)]
    [InlineData("async@64 max < 33ms", false)]
    [InlineData("async@64 cpuMsPerRequest < 0.1ms", true)]
    [InlineData("async@64 cpuMsPerRequest < 10us", false)]
    [InlineData("async@64 peakRss < 100MB", true)]
    [InlineData("async@64 peakRss < 48MiB", false)]
    [InlineData("async@64 errorRate <= 0", true)]
    public async Task Each_metric_is_read_from_its_field_of_results_json(string gate, bool passes)
    {
        var report = await GateAsync(gate);

        Assert.Equal(passes ? GateStatus.Passed : GateStatus.Failed, Assert.Single(report.Checks).Status);
    }

    [Fact]
    public async Task The_error_rate_counts_errors_among_every_request_that_ended()
    {
        var levels = RecordedRuns.Levels(1, Rps).Select(l => l.Target == "sync" && l.Level == 64 ? l with { ErrorCount = 300, Requests = 29_700 } : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "sync@64 errorRate < 1.01%", "sync@64 errorRate < 0.5%"), levels);

        var report = await EvaluateAsync(run);

        Assert.Equal([GateStatus.Passed, GateStatus.Failed], report.Checks.Select(c => c.Status));
        Assert.Equal("1%", report.Checks[0].Measured);
    }

    [Fact]
    public async Task A_wildcard_gate_is_one_check_per_target_and_level_in_the_scenario_s_order()
    {
        var report = await GateAsync("*@* errorRate < 0.1%", "async@* throughput >= 40");

        Assert.Equal(
        [
            "sync@1 errorRate < 0.1%", "sync@64 errorRate < 0.1%", "async@1 errorRate < 0.1%", "async@64 errorRate < 0.1%",
            "async@1 throughput >= 40", "async@64 throughput >= 40",
        ], report.Checks.Select(c => c.Gate));
        Assert.All(report.Checks, c => Assert.Equal(GateStatus.Passed, c.Status));
        Assert.Equal("*@* errorRate < 0.1%", report.Checks[0].Written);
    }

    [Fact]
    public async Task A_ratio_gate_divides_the_two_medians_of_one_run()
    {
        var report = await GateAsync("async@64 throughput / sync@64 throughput >= 10", "async@64 throughput / sync@64 throughput >= 100", "*@64 throughput / sync@* throughput >= 1");

        Assert.Equal(
        [
            (GateStatus.Passed, "60 (3000 req/s / 50 req/s)", "+50 (+500%)"),
            (GateStatus.Failed, "60 (3000 req/s / 50 req/s)", "-40 (-40%)"),
            (GateStatus.Passed, "1 (50 req/s / 50 req/s)", "+0 (+0%)"),
            (GateStatus.Passed, "60 (3000 req/s / 50 req/s)", "+59 (+5900%)"),
        ], report.Checks.Select(c => (c.Status, c.Measured, c.Margin)));
    }

    [Fact]
    public async Task A_ratio_over_a_starved_target_has_no_value_and_is_invalid_never_an_infinite_pass()
    {
        var levels = RecordedRuns.Levels(1, (t, l, r) => t == "sync" && l == 64 ? 0 : t == "async" && l == 1 ? 0 : 3000);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput / sync@64 throughput >= 10", "async@1 throughput / sync@64 throughput >= 10", "async@1 throughput / async@64 throughput < 1"), levels);

        var report = await EvaluateAsync(run);

        Assert.Equal(
        [
            (GateStatus.Invalid, "none (3000 req/s / 0 req/s)", "the ratio has no value: sync@64 throughput is 0"),
            (GateStatus.Invalid, "none (0 req/s / 0 req/s)", "the ratio has no value: sync@64 throughput is 0"),
            (GateStatus.Passed, "0 (0 req/s / 3000 req/s)", null),
        ], report.Checks.Select(c => (c.Status, c.Measured, c.Note)));
        Assert.Equal(GateStatus.Invalid, report.Status);
    }

    [Fact]
    public async Task A_latency_or_cpu_gate_on_a_cell_without_a_successful_response_is_invalid_never_a_pass_of_zero_ms()
    {
        // Every request to sync@64 failed: the empty histogram would read 0 ms and pass any latency threshold.
        var levels = RecordedRuns.Levels(1, Rps).Select(l => l.Target == "sync" && l.Level == 64 ? RecordedRuns.WithoutSuccess(l) : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "sync@64 p99 < 5000ms", "sync@64 mean < 1ms", "sync@64 cpuMsPerRequest < 1ms", "sync@64 errorRate < 100%", "sync@64 throughput >= 0"), levels);

        var report = await EvaluateAsync(run);

        Assert.Equal(
        [
            (GateStatus.Invalid, "none", "sync@64 has no p99: no successful response"),
            (GateStatus.Invalid, "none", "sync@64 has no mean: no successful response"),
            (GateStatus.Invalid, "none", "sync@64 has no cpuMsPerRequest: no successful response"),
            (GateStatus.Failed, "100%", null),
            (GateStatus.Passed, "0 req/s", null),
        ], report.Checks.Select(c => (c.Status, c.Measured, c.Note)));
        Assert.Equal(GateStatus.Invalid, report.Status);
    }

    [Fact]
    public async Task One_repeat_without_a_success_is_not_hidden_by_the_median_of_the_others_and_no_request_ending_has_no_error_rate()
    {
        var levels = RecordedRuns.Levels(3, Rps).Select(l => l.Target == "async" && l.Level == 64 && l.Repeat == 2 ? RecordedRuns.WithoutSuccess(l, errors: 0) : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(3, "async@64 p99 < 30ms", "async@64 errorRate < 1%"), levels);

        var report = await EvaluateAsync(run);

        Assert.Equal(
        [
            (GateStatus.Invalid, "async@64 has no p99: no successful response (repeat 2)"),
            (GateStatus.Invalid, "async@64 has no errorRate: no request ended in the window (repeat 2)"),
        ], report.Checks.Select(c => (c.Status, c.Note)));
    }

    [Fact]
    public async Task With_repeats_an_absolute_gate_reads_the_median_of_the_valid_repeats()
    {
        var levels = RecordedRuns.Levels(3, (t, l, r) => t == "async" && l == 64 ? 1000 * r * r : 50);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(3, "async@64 throughput >= 3500"), levels);

        var check = Assert.Single((await EvaluateAsync(run)).Checks);

        Assert.Equal((GateStatus.Passed, "4000 req/s (median of 3)"), (check.Status, check.Measured));
    }

    [Fact]
    public async Task An_invalid_level_a_gate_reads_makes_the_run_invalid_even_when_its_numbers_would_pass()
    {
        var levels = RecordedRuns.Levels(1, Rps).Select(l => l.Target == "async" && l.Level == 64 ? l with { Valid = false, InvalidReason = "the generator's core was saturated" } : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), levels);

        var report = await EvaluateAsync(run);

        var check = Assert.Single(report.Checks);
        Assert.Equal(GateStatus.Invalid, check.Status);
        Assert.Equal("async@64 repeat 1 is invalid: the generator's core was saturated (its numbers would pass)", check.Note);
        Assert.Equal(GateStatus.Invalid, report.Status);
    }

    [Fact]
    public async Task An_invalid_level_no_gate_reads_does_not_stop_the_gates()
    {
        var levels = RecordedRuns.Levels(1, Rps).Select(l => l.Target == "async" && l.Level == 1 ? l with { Valid = false, InvalidReason = "rate not reached" } : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), levels);

        Assert.Equal(GateStatus.Passed, (await EvaluateAsync(run)).Status);
    }

    [Fact]
    public async Task A_target_that_failed_verification_is_never_a_silent_pass_of_a_wildcard_gate()
    {
        var levels = RecordedRuns.Levels(1, Rps).Where(l => l.Target != "sync");
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "*@64 errorRate < 1%"), levels, verification: [new("sync", false, "/hello: expected 200, got 500"), new("async", true, null)]);

        var report = await EvaluateAsync(run);

        Assert.Equal([GateStatus.Invalid, GateStatus.Passed], report.Checks.Select(c => c.Status));
        Assert.Equal(("not measured", "sync failed verification: /hello: expected 200, got 500"), (report.Checks[0].Measured, report.Checks[0].Note));
        Assert.Equal(GateStatus.Invalid, report.Status);
    }

    [Fact]
    public async Task An_unfinished_run_is_invalid_even_when_every_gate_passes()
    {
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), RecordedRuns.Levels(1, Rps), finished: false);

        var report = await EvaluateAsync(run);

        Assert.Equal(GateStatus.Passed, Assert.Single(report.Checks).Status);
        Assert.Equal(["the run did not finish (results.json has no run.endedAt)"], report.RunProblems);
        Assert.Equal(GateStatus.Invalid, report.Status);
    }

    [Fact]
    public async Task A_malformed_gate_in_results_json_is_an_input_error_at_its_file_line_and_column()
    {
        var scenario = RecordedRuns.Scenario(1) with { Gates = [new ScenarioGate("async@64 p95 < 5ms", new SourceLocation("scenarios/io.yaml", 7, 6))] };
        string run = await _runs.RecordAsync(scenario, RecordedRuns.Levels(1, Rps));

        var error = await Assert.ThrowsAsync<GateInputException>(() => EvaluateAsync(run));

        Assert.Equal(
            "scenarios/io.yaml:7:15: gate 'async@64 p95 < 5ms': unknown metric 'p95'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction",
            Assert.Single(error.Errors).ToString());
    }
}

using Bench.Gates;
using Bench.Gates.Baselines;
using Bench.Tests.Support;

namespace Bench.Tests.Gates;

/// <summary>Regression gates against a stored baseline: noise passes, a real drop fails, only worse than both tolerance and noise.</summary>
public sealed class RegressionGateTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Gate = "*@* throughput regression < 10%";

    private static readonly double[] Shuffled = [0.97, 1.02, 0.99];

    private readonly RecordedRuns _runs = new();

    private BaselineStore Store => new(Path.Combine(_runs.Root, "baselines"));

    public void Dispose() => _runs.Dispose();

    // Per repeat, a few percent either side of each cell's level: what a quiet machine gives run to run.
    private static double Base(string target, int level) => target == "async" && level == 64 ? 3000 : 50;

    private static double Wobble(int repeat, double spread) => 1 + (spread * (repeat - 2));

    private async Task BaselineAsync(int repeats, double spread)
    {
        var run = await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(repeats, Gate), RecordedRuns.Levels(repeats, (t, l, r) => Base(t, l) * Wobble(r, spread))));
        await Store.WriteAsync(BaselineBuilder.From(run, run.Scenarios[0], DateTimeOffset.UnixEpoch), Ct);
    }

    private async Task<GateReport> RunAsync(int repeats, Func<string, int, int, double> rps, params string[] gates)
    {
        string dir = await _runs.RecordAsync(RecordedRuns.Scenario(repeats, gates.Length > 0 ? gates : [Gate]), RecordedRuns.Levels(repeats, rps));
        return await new GateEvaluator(Store, NoiseModel.Default).EvaluateAsync(await RecordedRuns.ReadAsync(dir), Ct);
    }

    [Fact]
    public async Task A_run_that_differs_from_the_baseline_only_by_noise_passes()
    {
        await BaselineAsync(repeats: 3, spread: 0.03);

        // Shifted by up to 4 %, shuffled: the same machine on another minute.
        var report = await RunAsync(3, (t, l, r) => Base(t, l) * Shuffled[r - 1]);

        Assert.Equal(4, report.Checks.Count);
        Assert.All(report.Checks, c => Assert.Equal(GateStatus.Passed, c.Status));
    }

    [Fact]
    public async Task A_thirty_percent_throughput_drop_fails_where_it_happened_and_says_by_how_much()
    {
        await BaselineAsync(repeats: 3, spread: 0.03);

        var report = await RunAsync(3, (t, l, r) => Base(t, l) * Wobble(r, 0.03) * (t == "async" && l == 64 ? 0.7 : 1));

        Assert.Equal([GateStatus.Passed, GateStatus.Passed, GateStatus.Passed, GateStatus.Failed], report.Checks.Select(c => c.Status));
        var failed = report.Checks[3];
        Assert.Equal("async@64 throughput regression < 10%", failed.Gate);
        Assert.Equal("< 10% worse than 3000 ± 90 req/s (n=3)", failed.Expected);
        Assert.Equal("2100 ± 63 req/s (n=3): 30% worse", failed.Measured);
        Assert.Equal("-20%", failed.Margin);
        Assert.Equal("noise ±9.6%: 99% t-test, n=3/3", failed.Note);
        Assert.Equal(GateStatus.Failed, report.Status);
    }

    [Fact]
    public async Task A_drop_beyond_the_tolerance_but_within_a_wide_spread_passes_as_noise()
    {
        await BaselineAsync(repeats: 3, spread: 0.2);

        var report = await RunAsync(3, (t, l, r) => Base(t, l) * Wobble(r, 0.2) * 0.88);

        Assert.All(report.Checks, c => Assert.Equal(GateStatus.Passed, c.Status));
        Assert.StartsWith("worse than the tolerance, but within the noise (noise ±", report.Checks[3].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_spread_a_change_beyond_the_tolerance_fails_and_an_unchanged_latency_passes()
    {
        await BaselineAsync(repeats: 3, spread: 0.0);

        var report = await RunAsync(3, (t, l, r) => Base(t, l) * 0.95, "async@64 throughput regression < 10%", "async@64 p99 regression <= 0%", "async@64 throughput regression < 2%");

        Assert.Equal([GateStatus.Passed, GateStatus.Passed, GateStatus.Failed], report.Checks.Select(c => c.Status));
    }

    [Fact]
    public async Task Without_repeats_the_default_noise_band_decides()
    {
        await BaselineAsync(repeats: 1, spread: 0);

        var slightly = await RunAsync(1, (t, l, r) => Base(t, l) * 0.92, "async@64 throughput regression < 5%");
        var clearly = await RunAsync(1, (t, l, r) => Base(t, l) * 0.85, "async@64 throughput regression < 5%");

        Assert.Equal(GateStatus.Passed, Assert.Single(slightly.Checks).Status);
        Assert.Equal("worse than the tolerance, but within the noise (noise ±10%: default band ±10% (fewer than 3 repeats))", slightly.Checks[0].Note);
        Assert.Equal(GateStatus.Failed, Assert.Single(clearly.Checks).Status);
    }

    [Fact]
    public async Task Against_an_error_rate_of_zero_in_every_baseline_repeat_a_rise_to_three_percent_fails_and_one_within_the_floor_passes()
    {
        await BaselineAsync(repeats: 3, spread: 0.03);
        const string Gate = "async@64 errorRate regression < 10%";

        // 30 000 successes per repeat: 600 to 1200 errors is 2–3.8 %; 9 to 21 errors stays under 0.1 percentage point.
        var risen = await ErrorsAsync(r => 300 * (r + 1));
        var within = await ErrorsAsync(r => 6 * (r + 1) - 3);

        var failed = Assert.Single(risen.Checks);
        Assert.Equal(GateStatus.Failed, failed.Status);
        Assert.Equal("< 10% worse than 0 ± 0% (n=3)", failed.Expected);
        Assert.Equal("2.91 ± 0.9427% (n=3): 2.91% worse", failed.Measured);
        Assert.Equal("-2.81%", failed.Margin);
        Assert.Equal("noise: the reference is 0: an absolute margin of 0.1%", failed.Note);
        Assert.Equal(GateStatus.Passed, Assert.Single(within.Checks).Status);

        async Task<GateReport> ErrorsAsync(Func<int, long> errors)
        {
            var levels = RecordedRuns.Levels(3, (t, l, r) => Base(t, l) * Wobble(r, 0.03)).Select(x => x.Target == "async" && x.Level == 64 ? x with { Requests = 30_000, ErrorCount = errors(x.Repeat) } : x);
            string dir = await _runs.RecordAsync(RecordedRuns.Scenario(3, Gate), levels);
            return await new GateEvaluator(Store, NoiseModel.Default).EvaluateAsync(await RecordedRuns.ReadAsync(dir), Ct);
        }
    }

    [Fact]
    public async Task A_latency_the_baseline_or_the_run_does_not_have_makes_the_check_invalid_with_the_reason()
    {
        // The baseline was made while sync@64 answered nothing successfully: it has no p99 there (null, not 0).
        var starved = RecordedRuns.Levels(1, (t, l, r) => Base(t, l)).Select(x => x.Target == "sync" && x.Level == 64 ? RecordedRuns.WithoutSuccess(x) : x).ToArray();
        var made = await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(1, Gate), starved));
        await Store.WriteAsync(BaselineBuilder.From(made, made.Scenarios[0], DateTimeOffset.UnixEpoch), Ct);
        Assert.Null((await Store.ReadAsync("io", Ct))!.Find("sync", 64)!.Metrics["p99"]);

        var healthy = await RunAsync(1, (t, l, r) => Base(t, l), "sync@64 p99 regression < 10%");
        string dir = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 p99 regression < 10%"), starved.Select(x => x.Target == "async" && x.Level == 64 ? RecordedRuns.WithoutSuccess(x) : x));
        var broken = await new GateEvaluator(Store, NoiseModel.Default).EvaluateAsync(await RecordedRuns.ReadAsync(dir), Ct);

        Assert.Equal((GateStatus.Invalid, "none", "the baseline has no p99 for sync@64: no successful response when it was made"), (healthy.Checks[0].Status, healthy.Checks[0].Measured, healthy.Checks[0].Note));
        Assert.Equal((GateStatus.Invalid, "async@64 has no p99: no successful response"), (broken.Checks[0].Status, broken.Checks[0].Note));
        Assert.Equal(GateStatus.Invalid, healthy.Status);
    }

    [Fact]
    public async Task A_regression_gate_without_a_baseline_is_an_input_error_naming_the_file_to_make()
    {
        var error = await Assert.ThrowsAsync<GateInputException>(() => RunAsync(1, (t, l, r) => 50));

        Assert.Equal(
            $"scenarios/io.yaml:7:6: gate '{Gate}': no baseline {Store.PathFor("io")}; make one with 'bench baseline update <run-dir>'",
            Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public async Task A_baseline_of_another_request_is_not_compared_with()
    {
        await BaselineAsync(repeats: 1, spread: 0);
        var baseline = (await Store.ReadAsync("io", Ct))!;
        await Store.WriteAsync(baseline with { Request = "GET /io?ms=50" }, Ct);

        var error = await Assert.ThrowsAsync<GateInputException>(() => RunAsync(1, (t, l, r) => 50));

        Assert.Contains("measured GET /io?ms=50 (closed), this run GET /io?ms=20 (closed); update the baseline", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_without_a_gated_level_is_an_input_error_naming_it()
    {
        await BaselineAsync(repeats: 1, spread: 0);
        var baseline = (await Store.ReadAsync("io", Ct))!;
        await Store.WriteAsync(baseline with { Entries = baseline.Entries.Where(e => e.Level != 64).ToArray() }, Ct);

        var error = await Assert.ThrowsAsync<GateInputException>(() => RunAsync(1, (t, l, r) => 50, "async@* p99 regression < 10%"));

        Assert.Equal(
            $"scenarios/io.yaml:7:6: gate 'async@* p99 regression < 10%': the baseline {Store.PathFor("io")} has no async@64 p99; update it from a run that measured it",
            Assert.Single(error.Errors).ToString());
    }
}

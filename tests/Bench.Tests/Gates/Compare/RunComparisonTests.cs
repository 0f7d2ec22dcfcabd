using Bench.Gates;
using Bench.Gates.Compare;
using Bench.Gates.Syntax;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Gates.Compare;

/// <summary>Comparing two runs marks a change only where it is beyond the noise, in the direction that matters for the metric.</summary>
public sealed class RunComparisonTests : IDisposable
{
    private static readonly double[] Shuffled = [1.02, 0.98, 1.0];

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private static double Base(string target, int level) => target == "async" && level == 64 ? 3000 : 50;

    private async Task<RunResults> RunAsync(int repeats, Func<string, int, int, double> rps) =>
        await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(repeats), RecordedRuns.Levels(repeats, rps)));

    private static ComparisonRow Throughput(ComparisonReport report, string target, int level) =>
        report.Rows.Single(r => r.Target == target && r.Level == level && r.Metric == GateMetric.Throughput);

    [Fact]
    public async Task A_thirty_percent_drop_is_worse_and_noise_is_noise_with_repeats()
    {
        var a = await RunAsync(3, (t, l, r) => Base(t, l) * (1 + (0.03 * (r - 2))));
        var b = await RunAsync(3, (t, l, r) => Base(t, l) * Shuffled[r - 1] * (t == "async" && l == 64 ? 0.7 : 1));

        var report = RunComparison.Compare(a, b, NoiseModel.Default);

        Assert.Equal(4 * 5, report.Rows.Count);
        var dropped = Throughput(report, "async", 64);
        Assert.Equal((ChangeVerdict.Worse, -0.3), (dropped.Verdict, Math.Round(dropped.Change!.Value, 3)));
        Assert.Equal(ChangeVerdict.Noise, Throughput(report, "sync", 64).Verdict);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public async Task Without_repeats_the_default_band_decides_and_lower_latency_is_better()
    {
        var a = await RunAsync(1, (t, l, r) => Base(t, l));
        var b = await RunAsync(1, (t, l, r) => Base(t, l) * (t == "sync" ? 0.92 : 1.15));
        var faster = b with { Scenarios = [b.Scenarios[0] with { Results = b.Scenarios[0].Results.Select(x => x with { LatencyMs = x.LatencyMs! with { P99 = x.LatencyMs.P99 / 2 } }).ToArray() }] };

        var report = RunComparison.Compare(a, faster, new NoiseModel(0.1));

        Assert.Equal(ChangeVerdict.Noise, Throughput(report, "sync", 1).Verdict);
        Assert.Equal(ChangeVerdict.Better, Throughput(report, "async", 1).Verdict);
        Assert.Equal(ChangeVerdict.Better, report.Rows.First(r => r.Metric == GateMetric.P99).Verdict);
        Assert.Equal("default band ±10% (fewer than 3 repeats)", Throughput(report, "sync", 1).Noise!.Basis);
    }

    [Fact]
    public async Task An_invalid_level_is_shown_but_not_judged_and_cells_in_one_run_only_are_noted()
    {
        var a = await RunAsync(1, (t, l, r) => Base(t, l));
        string dir = await _runs.RecordAsync(
            RecordedRuns.Scenario(1),
            RecordedRuns.Levels(1, (t, l, r) => Base(t, l) / 2).Where(x => x.Level == 64).Select(x => x.Target == "sync" ? x with { Valid = false, InvalidReason = "target died" } : x));
        var b = await RecordedRuns.ReadAsync(dir);

        var report = RunComparison.Compare(a, b, NoiseModel.Default);

        Assert.Equal(ChangeVerdict.NotJudged, Throughput(report, "sync", 64).Verdict);
        Assert.Equal("run B: sync@64 repeat 1 is invalid: target died", Throughput(report, "sync", 64).Note);
        Assert.Equal(ChangeVerdict.Worse, Throughput(report, "async", 64).Verdict);
        Assert.Equal(["io sync@1 is measured in run A only", "io async@1 is measured in run A only"], report.Notes);
    }

    [Fact]
    public async Task A_latency_a_run_does_not_have_is_a_dash_not_judged_and_an_empty_csv_cell_never_a_change_from_zero()
    {
        var a = await RunAsync(1, (t, l, r) => Base(t, l));
        var b = await RunAsync(1, (t, l, r) => Base(t, l));
        // In B, sync@64 had no successful response: every request failed.
        b = b with { Scenarios = [b.Scenarios[0] with { Results = b.Scenarios[0].Results.Select(x => x.Target == "sync" && x.Level == 64 ? RecordedRuns.WithoutSuccess(x) : x).ToArray() }] };

        var report = RunComparison.Compare(a, b, NoiseModel.Default);

        var p99 = report.Rows.Single(r => r.Target == "sync" && r.Level == 64 && r.Metric == GateMetric.P99);
        Assert.Equal((ChangeVerdict.NotJudged, "run B: sync@64 has no p99: no successful response"), (p99.Verdict, p99.Note));
        Assert.Equal(("25.5 ms (n=1)", "–", "–", "–"), (CompareText.Side(p99.Metric, p99.A), CompareText.Side(p99.Metric, p99.B), CompareText.Change(p99), CompareText.Noise(p99)));
        Assert.Contains("io,sync,64,p99,25.5,0,1,,,,,,notjudged,run B: sync@64 has no p99: no successful response", CompareCsv.Write(report).Split('\n'));
        Assert.Equal(ChangeVerdict.Worse, Throughput(report, "sync", 64).Verdict);
    }

    [Fact]
    public async Task A_cell_measured_on_a_noisy_machine_is_still_judged_but_its_note_says_noisy()
    {
        var a = await RunAsync(1, (t, l, r) => Base(t, l));
        string dir = await _runs.RecordAsync(
            RecordedRuns.Scenario(1),
            RecordedRuns.Levels(1, (t, l, r) => Base(t, l) * 0.7).Select(x => x with
            {
                Interference = new Bench.Launch.Sampling.Interference([0, 1], x.Target == "async" && x.Level == 64 ? 0.04 : 0, x.Target == "async" && x.Level == 64 ? 0.03 : 0.049),
            }));
        var b = await RecordedRuns.ReadAsync(dir);

        var report = RunComparison.Compare(a, b, NoiseModel.Default);

        var noisy = Throughput(report, "async", 64);
        Assert.Equal(ChangeVerdict.Worse, noisy.Verdict);
        Assert.Equal("run B: noisy: 7% of cores 0,1 taken by other work (steal 4%, other processes 3%)", noisy.Note);
        Assert.All(report.Rows.Where(r => r.Target != "async" || r.Level != 64), r => Assert.Null(r.Note));
    }

    [Fact]
    public async Task The_csv_has_a_row_per_target_level_and_metric_in_results_units()
    {
        var a = await RunAsync(1, (t, l, r) => Base(t, l));
        var b = await RunAsync(1, (t, l, r) => Base(t, l) * 0.5);

        string[] csv = CompareCsv.Write(RunComparison.Compare(a, b, NoiseModel.Default)).TrimEnd().Split('\n');

        Assert.Equal("scenario,target,level,metric,a_mean,a_stdev,a_n,b_mean,b_stdev,b_n,change,noise,verdict,note", csv[0]);
        Assert.Equal(1 + 20, csv.Length);
        Assert.Contains("io,async,64,throughput,3000,0,1,1500,0,1,-0.5,0.1,worse,", csv);
        Assert.Contains("io,async,64,p99,25.5,0,1,25.5,0,1,0,0.1,noise,", csv);
    }
}

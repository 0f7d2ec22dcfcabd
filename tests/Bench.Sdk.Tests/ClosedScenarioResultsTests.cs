using Bench.Cli;
using Bench.Load.Measurement;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

public sealed class ClosedScenarioResultsTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    private static ScenarioProps Checkout() => Scenario.Create("checkout", async ctx =>
        {
            await Step.Run("login", ctx, async () =>
            {
                await Task.Delay(5, ctx.CancellationToken);
                return Response.Ok(statusCode: "200", sizeBytes: 100);
            });
            return Response.Ok();
        })
        .WithLoadSimulations(Simulation.KeepConstant(copies: 4, during: TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task Given_a_closed_scenario_with_a_step_when_it_runs_then_results_json_records_the_scenario_and_the_step_field_by_field()
    {
        await _run.RunAsync([Checkout()], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.Success);

        var results = _run.Results();
        Assert.NotNull(results.Run.EndedAt);
        var scenario = Assert.Single(results.Scenarios);
        Assert.Equal("checkout", scenario.Name);
        Assert.Equal(["checkout", "login"], scenario.Definition.Targets);
        Assert.Equal("closed", scenario.Definition.Load.Model);
        Assert.Equal([4], scenario.Definition.Load.Levels);
        Assert.Equal(1, scenario.Definition.Load.Repeats);
        Assert.Equal("CODE checkout", $"{scenario.Definition.Request.Method} {scenario.Definition.Request.Path}");
        Assert.Contains(nameof(ClosedScenarioResultsTests), scenario.Definition.Source, StringComparison.Ordinal);

        var whole = _run.Level("checkout", "checkout", 4);
        Assert.Equal(1, whole.Repeat);
        Assert.True(whole.Valid, whole.InvalidReason);
        Assert.InRange(whole.DurationSeconds, 0.95, 1.5);
        // 4 copies, each iteration ≥ 5 ms: at most 800 in the second, and surely more than a tenth of that.
        Assert.InRange(whole.Requests, 80, 800);
        Assert.Equal(whole.Requests / whole.DurationSeconds, whole.ThroughputRps, precision: 6);
        Assert.Equal(0, whole.ErrorCount);
        Assert.Empty(whole.Errors);
        Assert.Null(whole.FailureLatencyMs);
        Assert.NotNull(whole.LatencyMs);
        Assert.True(whole.LatencyMs.P50 >= 4.9, $"p50 {whole.LatencyMs.P50} ms is below the step's 5 ms");
        Assert.Equal(whole.Requests, LatencyHistogram.FromBase64(whole.Histogram!).TotalCount);
        Assert.Equal(whole.Requests * 100, whole.Bytes);
        Assert.Equal(0, whole.StarvedConnections);
        Assert.InRange(whole.Fairness!.Value, 0.9, 1.0);
        Assert.Null(whole.Open);
        Assert.Equal(whole.Requests, whole.PerSecond.Sum(s => s.Completed));
        Assert.Null(whole.Resources.CpuMsPerRequest); // the system under test is not Bench's to sample
        Assert.False(whole.Generator.Saturated);

        var login = _run.Level("checkout", "login", 4);
        Assert.True(login.Valid);
        Assert.InRange(login.Requests, whole.Requests, whole.Requests + 4); // a step ends before its iteration
        Assert.Equal(login.Requests * 100, login.Bytes);
        Assert.True(login.LatencyMs!.P50 >= 4.9);
        Assert.Null(login.StarvedConnections);
    }

    [Fact]
    public async Task Given_a_code_first_run_folder_when_bench_report_and_bench_gate_read_it_then_both_work_unchanged()
    {
        var scenario = Checkout().WithThresholds(Threshold.Create("errorRate < 1%"), Threshold.Create("login@* p50 >= 5ms"));
        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.Success);

        Assert.Equal(ExitCodes.Success, await BenchCli.RunAsync(BenchCli.Create(), ["gate", _run.Folder, "--baseline", _run.Folder], TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.Success, await BenchCli.RunAsync(BenchCli.Create(), ["report", _run.Folder], TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(_run.Folder, "report.html")));
    }
}

using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

public sealed class ThresholdTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    private static ScenarioProps Slow(params Threshold[] thresholds) => Scenario.Create("slow", async ctx =>
        {
            await Step.Run("wait", ctx, async () =>
            {
                await Task.Delay(20, ctx.CancellationToken);
                return Response.Ok();
            });
            return Response.Ok();
        })
        .WithLoadSimulations(Simulation.KeepConstant(copies: 2, during: TimeSpan.FromMilliseconds(600)))
        .WithThresholds(thresholds);

    [Fact]
    public async Task Given_a_threshold_the_run_misses_when_it_ends_then_it_exits_1_and_prints_the_gate_table()
    {
        int exit = await _run.RunAsync([Slow(Threshold.Create("p99 < 1ms"), Threshold.Create("errorRate < 1%"))], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.GateFailed, exit);
        Assert.Contains("FAIL", _run.Output.ToString(), StringComparison.Ordinal);
        Assert.Contains("slow@2 p99 < 1ms", _run.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_thresholds_the_run_meets_when_it_ends_then_it_exits_0()
    {
        int exit = await _run.RunAsync([Slow(Threshold.Create("p99 < 10s"), Threshold.Create("wait@* errorRate < 1%"))], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(exit == ExitCodes.Success, _run.Errors.ToString());
    }

    [Fact]
    public async Task Given_a_malformed_threshold_when_the_run_starts_then_it_exits_2_at_the_threshold_s_line_before_any_load()
    {
        int exit = await _run.RunAsync([Slow(Threshold.Create("p99 < 5 ms"))], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
        string line = Assert.Single(_run.Errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"ThresholdTests\.cs:\d+:1: threshold 'p99 < 5 ms': unexpected 'ms' after the value", line);
        Assert.False(File.Exists(_run.ResultsPath));
    }
}

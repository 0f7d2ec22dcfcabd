using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

[Collection(nameof(InjectRateTests))]
[CollectionDefinition(nameof(InjectRateTests), DisableParallelization = true)]
public sealed class InjectRateTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_Inject_at_2000_per_second_when_it_runs_then_it_holds_the_rate_within_2_percent()
    {
        var scenario = Scenario.Create("inject", async ctx =>
            {
                await Step.Run("tick", ctx, () => Task.FromResult(Response.Ok(sizeBytes: 1)));
                return Response.Ok();
            })
            .WithWarmUpDuration(TimeSpan.FromMilliseconds(500))
            .WithLoadSimulations(Simulation.Inject(rate: 2000, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(3)));

        int exit = await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);

        var level = _run.Level("inject", "inject", 2000);
        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {level.InvalidReason}\n{_run.Errors}");
        Assert.InRange(level.ThroughputRps, 2000 * 0.98, 2000 * 1.02);
        var schedule = level.Open!;
        Assert.Equal(2000, schedule.TargetRps, precision: 6);
        Assert.InRange(schedule.Scheduled, 5990, 6000);
        Assert.Equal(schedule.Scheduled, schedule.Sent);
        Assert.True(schedule.RateReached);
        Assert.Equal(level.Requests, _run.Level("inject", "tick", 2000).Requests);
    }
}

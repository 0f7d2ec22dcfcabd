using Bench.Cli;
using Bench.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Sdk.Tests;

/// <summary>
/// The generator stalls (its clock jumps half a second while nothing runs, as when the process is descheduled or its
/// pool is blocked): the iterations due meanwhile start late. Measured from their start they take no time at all;
/// measured from when they were due — the open model's rule — they took up to half a second, and they are late.
/// </summary>
public sealed class StalledScenarioTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_an_open_scenario_whose_scheduler_stalls_half_a_second_then_latency_counts_from_the_intended_start_and_the_late_starts_flag_saturation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        DateTimeOffset? firstDue = null;
        var scenario = Scenario.Create("stalled", _ =>
            {
                firstDue ??= time.GetUtcNow();
                return Task.FromResult<IResponse>(Response.Ok());
            })
            .WithTimeout(TimeSpan.FromSeconds(1))
            .WithLoadSimulations(Simulation.Inject(rate: 100, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(2)));

        var running = _run.RunAsync([scenario], time, TestContext.Current.CancellationToken);
        bool stalled = false;
        while (!running.IsCompleted)
        {
            // Small steps give every due iteration its turn at its own time; one jump, a second into the window, is the stall.
            bool stallNow = !stalled && firstDue is { } first && time.GetUtcNow() >= first + TimeSpan.FromSeconds(1);
            time.Advance(stallNow ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromMilliseconds(1));
            stalled |= stallNow;
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        Assert.Equal(ExitCodes.InvalidRun, await running);
        var level = _run.Level("stalled", "stalled", 100);
        Assert.InRange(level.LatencyMs!.Max, 490, 520);  // from when it was due: the stall
        Assert.True(level.LatencyMs.P50 < 20, $"p50 {level.LatencyMs.P50} ms: most iterations were on time");
        Assert.InRange(level.Open!.Late, 45, 51);         // the 50 due in the stall, give or take one at its edges
        Assert.False(level.Open.RateReached);
        Assert.True(level.Generator.Saturated);
        Assert.False(level.Valid);
        Assert.Contains("started on time", level.InvalidReason, StringComparison.Ordinal);
        Assert.InRange(level.Requests, 199, 200);
    }
}

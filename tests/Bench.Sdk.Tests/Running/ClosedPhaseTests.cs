using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests.Running;

/// <summary>
/// A steady closed simulation sleeps to its end at once: a wake-up every 100 ms set the thread pool's idle workers
/// spinning on the generator's core (1 400 sched_yield switches a second each, measured on /io?ms=10).
/// </summary>
public sealed class ClosedPhaseTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_a_steady_closed_simulation_when_it_runs_then_the_runner_sets_a_few_timers_not_one_every_100_ms()
    {
        var time = new TimerCounter();
        var scenario = Scenario.Create("steady", async ctx =>
            {
                await Task.Delay(2, ctx.CancellationToken); // the system's timer, not the runner's clock
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies: 2, during: TimeSpan.FromSeconds(2)));

        await _run.RunAsync([scenario], time, TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        Assert.True(_run.Level("steady", "steady", 2).Requests > 100);
        // One for the window's end, a few while the cut waits for the iterations; polling would be 20.
        Assert.InRange(time.Timers, 1, 8);
    }

    /// <summary>The system's clock, counting the timers the run creates on it (Task.Delay with this provider).</summary>
    private sealed class TimerCounter : TimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}

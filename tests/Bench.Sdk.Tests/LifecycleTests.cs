using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

public sealed class LifecycleTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_two_simulations_and_a_warm_up_then_init_and_clean_run_once_and_each_copy_keeps_its_own_data()
    {
        int inits = 0, cleans = 0;
        var copiesSeen = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var scenario = Scenario.Create("lifecycle", async ctx =>
            {
                // Data is the copy's own: the number stored on its first iteration is always its own.
                int mine = (int)(ctx.Data.TryGetValue("me", out var me) ? me : ctx.Data["me"] = ctx.ScenarioInfo.InstanceNumber);
                copiesSeen[ctx.ScenarioInfo.InstanceNumber] = mine;
                await Task.Delay(1, ctx.CancellationToken); // a closed loop of synchronous iterations would saturate the generator
                return mine == ctx.ScenarioInfo.InstanceNumber ? Response.Ok() : Response.Fail(message: "shared data");
            })
            .WithInit(_ => Task.FromResult(Interlocked.Increment(ref inits)))
            .WithClean(_ => Task.FromResult(Interlocked.Increment(ref cleans)))
            .WithWarmUpDuration(TimeSpan.FromMilliseconds(200))
            .WithLoadSimulations(
                Simulation.KeepConstant(copies: 2, during: TimeSpan.FromMilliseconds(300)),
                Simulation.KeepConstant(copies: 3, during: TimeSpan.FromMilliseconds(300)));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.Success);

        Assert.Equal((1, 1), (inits, cleans));
        Assert.Equal([0, 1, 2], copiesSeen.Keys.Order());
        Assert.Equal(0, _run.Level("lifecycle", "lifecycle", 3).ErrorCount);
        Assert.Equal([2, 3], _run.Results().Scenarios[0].Definition.Load.Levels);
    }

    [Fact]
    public async Task Given_Ctrl_C_during_a_simulation_then_what_was_measured_is_written_clean_runs_and_the_exit_code_is_130()
    {
        int cleans = 0;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        int secondLevel = 0;
        var scenario = Scenario.Create("interrupted", async ctx =>
            {
                // Copy 2 runs only in the second simulation: Ctrl-C half a second into it, however long the start took.
                if (ctx.ScenarioInfo.InstanceNumber >= 2 && Interlocked.Exchange(ref secondLevel, 1) == 0)
                {
                    interrupt.CancelAfter(TimeSpan.FromMilliseconds(500));
                }

                await Task.Delay(5, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithClean(_ => Task.FromResult(Interlocked.Increment(ref cleans)))
            .WithLoadSimulations(
                Simulation.KeepConstant(copies: 2, during: TimeSpan.FromMilliseconds(300)),
                Simulation.KeepConstant(copies: 4, during: TimeSpan.FromSeconds(30)));

        await _run.RunAsync([scenario], cancellationToken: interrupt.Token);
        _run.AssertExit(ExitCodes.Interrupted);

        Assert.Equal(1, cleans);
        var results = _run.Results();
        Assert.Null(results.Run.EndedAt);
        Assert.True(_run.Level("interrupted", "interrupted", 2).Valid, _run.Level("interrupted", "interrupted", 2).InvalidReason);
        var cut = _run.Level("interrupted", "interrupted", 4);
        Assert.False(cut.Valid);
        Assert.Equal("interrupted before the end of the level", cut.InvalidReason);
        Assert.InRange(cut.DurationSeconds, 0.3, 5);
        Assert.True(cut.Requests > 0);
    }

    [Fact]
    public async Task Given_an_init_that_throws_then_no_load_runs_clean_still_runs_and_the_exit_code_is_3_with_one_line()
    {
        int iterations = 0, cleans = 0;
        var scenario = Scenario.Create("broken", _ => Task.FromResult<IResponse>(Response.Ok(message: $"{Interlocked.Increment(ref iterations)}")))
            .WithInit(_ => throw new InvalidOperationException("no database"))
            .WithClean(_ => Task.FromResult(Interlocked.Increment(ref cleans)))
            .WithLoadSimulations(Simulation.KeepConstant(copies: 1, during: TimeSpan.FromMilliseconds(200)));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.InvalidRun);

        Assert.Equal((0, 1), (iterations, cleans));
        Assert.Equal("bench-sdk: scenario 'broken': init failed (InvalidOperationException): no database", _run.Errors.ToString().Trim());
    }
}

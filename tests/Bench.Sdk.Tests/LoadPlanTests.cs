using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

public sealed class LoadPlanTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_closed_and_open_simulations_in_one_scenario_then_the_run_exits_2_at_the_scenario_s_line_before_any_load()
    {
        var scenario = Scenario.Create("mixed", _ => Task.FromResult<IResponse>(Response.Ok()))
            .WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)), Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.UsageError);

        string line = Assert.Single(_run.Errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"LoadPlanTests\.cs:\d+:1: scenario 'mixed': closed .* and open .* simulations in one scenario", line);
    }

    [Fact]
    public async Task Given_a_ramp_then_a_steady_simulation_at_its_level_then_the_ramp_runs_as_a_transition_and_the_steady_one_is_the_level()
    {
        var scenario = Scenario.Create("ramp up", _ => Task.FromResult<IResponse>(Response.Ok()))
            .WithWarmUpDuration(TimeSpan.FromMilliseconds(300)) // the first iterations JIT the path: not on time on a busy machine
            .WithLoadSimulations(
                Simulation.RampingInject(rate: 50, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromMilliseconds(300)),
                Simulation.Inject(rate: 50, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromMilliseconds(400)),
                Simulation.RampingInject(rate: 20, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromMilliseconds(300)));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.Success);

        var recorded = Assert.Single(_run.Results().Scenarios);
        Assert.Equal("ramp_up", recorded.Name); // NBomber's names may hold spaces; results.json's may not
        Assert.Equal([50, 20], recorded.Definition.Load.Levels);
        Assert.Equal(20, _run.Level("ramp_up", "ramp_up", 50).Requests);
        Assert.Equal(35, recorded.Results.Single(r => r.Level == 20).Open!.TargetRps, precision: 6);
    }
}

using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

public sealed class StepErrorTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_a_step_that_throws_on_every_other_iteration_then_each_is_an_error_by_exception_type_and_the_run_goes_on()
    {
        bool ranAfter = false;
        var scenario = Scenario.Create("flaky", async ctx =>
            {
                await Step.Run("call", ctx, async () =>
                {
                    await Task.Yield();
                    return ctx.InvocationNumber % 2 == 0 ? throw new TimeoutException("the server did not answer") : Response.Ok();
                });
                ranAfter = true;
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 1, iterations: 10));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        var whole = _run.Level("flaky", "flaky", 1);
        Assert.Equal(5, whole.Requests);
        Assert.Equal(5, whole.ErrorCount);
        Assert.Equal(new Dictionary<string, long> { ["exception:TimeoutException"] = 5 }, whole.Errors);
        Assert.NotNull(whole.FailureLatencyMs);
        var call = _run.Level("flaky", "call", 1);
        Assert.Equal(new Dictionary<string, long> { ["exception:TimeoutException"] = 5 }, call.Errors);
        Assert.True(ranAfter);
    }

    [Fact]
    public async Task Given_failed_responses_then_errors_are_counted_by_status_code_and_the_failed_step_ends_its_iteration()
    {
        int afterFailure = 0;
        var scenario = Scenario.Create("status", async ctx =>
            {
                await Step.Run("get", ctx, () => Task.FromResult(ctx.InvocationNumber <= 3 ? Response.Fail(statusCode: "503", message: "busy") : Response.Ok(statusCode: "200")));
                Interlocked.Increment(ref afterFailure);
                return ctx.InvocationNumber == 4 ? Response.Fail(statusCode: "NOT_FOUND") : Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 1, iterations: 6));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        Assert.Equal(new Dictionary<string, long> { ["status503"] = 3, ["status:NOT_FOUND"] = 1 }, _run.Level("status", "status", 1).Errors);
        Assert.Equal(new Dictionary<string, long> { ["status503"] = 3 }, _run.Level("status", "get", 1).Errors);
        Assert.Equal(3, afterFailure);
    }

    [Fact]
    public async Task Given_a_scenario_that_throws_outside_any_step_then_the_iteration_is_an_error_by_exception_type_not_a_crash()
    {
        var scenario = Scenario.Create("throws", _ => throw new ArgumentException("bad payload"))
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 2, iterations: 8));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        var whole = _run.Level("throws", "throws", 2);
        Assert.Equal(0, whole.Requests);
        Assert.Equal(new Dictionary<string, long> { ["exception:ArgumentException"] = 8 }, whole.Errors);
        Assert.Null(whole.LatencyMs);
    }
}

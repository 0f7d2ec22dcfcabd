using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests.Running;

/// <summary>
/// The cut finds the iterations still running on their copies: one that ignores its token is settled once (a timeout
/// at its own level), left behind with a warning, and counted nowhere else when it ends during the next level.
/// </summary>
public sealed class PhaseRunTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_an_iteration_that_ignores_its_token_when_its_level_is_cut_then_it_is_a_timeout_there_and_not_counted_again_in_the_next_level()
    {
        int stuck = 0;
        var scenario = Scenario.Create("stuck", async ctx =>
            {
                if (Interlocked.Exchange(ref stuck, 1) == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(900), CancellationToken.None); // ignores ctx.CancellationToken
                    return Response.Fail(statusCode: "500"); // would be an error if it were recorded
                }

                await Task.Delay(2, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithoutWarmUp()
            .WithTimeout(TimeSpan.FromMilliseconds(200))
            .WithLoadSimulations(
                Simulation.KeepConstant(copies: 1, during: TimeSpan.FromMilliseconds(400)),
                Simulation.KeepConstant(copies: 2, during: TimeSpan.FromMilliseconds(800)));

        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        var first = _run.Level("stuck", "stuck", 1);
        Assert.Equal(0, first.Requests);
        Assert.Equal(1, first.Errors.GetValueOrDefault("requestTimeout"));
        Assert.Contains("1 iteration(s) still running", _run.Errors.ToString(), StringComparison.Ordinal);
        var second = _run.Level("stuck", "stuck", 2);
        Assert.True(second.Requests > 50, $"{second.Requests} iterations at level 2");
        Assert.Equal(0, second.ErrorCount);
    }
}

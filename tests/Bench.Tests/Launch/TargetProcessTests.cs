using System.Diagnostics;
using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

public sealed class TargetProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TargetDefinition Define(string name, params string[] command) => new(name, "test", command, new Dictionary<string, string>());

    [Fact]
    public async Task A_command_that_does_not_exist_fails_naming_the_target()
    {
        var error = await Assert.ThrowsAsync<TargetStartException>(() =>
            TargetProcess.StartAsync(Define("bogus", "/nonexistent/server"), TimeSpan.FromSeconds(5), Ct));

        Assert.Equal("bogus", error.Target);
        Assert.Contains("/nonexistent/server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_exits_before_ready_reports_its_exit_code_and_stderr()
    {
        var error = await Assert.ThrowsAsync<TargetStartException>(() =>
            TargetProcess.StartAsync(Define("broken", TargetsBinary.Locate(), "--model", "nope"), TimeSpan.FromSeconds(10), Ct));

        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown model 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_never_gets_ready_times_out_and_is_killed()
    {
        var error = await Assert.ThrowsAsync<TargetStartException>(() =>
            TargetProcess.StartAsync(Define("silent", "sleep", "29.123"), TimeSpan.FromMilliseconds(300), Ct));

        Assert.Contains("not ready within", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessList.CommandLines(), line => line == "sleep 29.123");
    }

    [Fact]
    public async Task A_target_that_ignores_sigterm_is_killed_after_the_grace_period()
    {
        var target = await TargetProcess.StartAsync(
            Define("stubborn", "bash", "-c", "trap '' TERM; echo 'listening on http://127.0.0.1:1'; while true; do sleep 0.1; done"),
            TimeSpan.FromSeconds(5),
            Ct);
        var clock = Stopwatch.StartNew();

        await target.StopAsync(TimeSpan.FromMilliseconds(300));

        Assert.True(target.HasExited);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        await target.DisposeAsync();
    }

    // Bench.Targets promises 2 s (README). Another program (gunicorn's master waiting out its workers' graceful
    // timeout, slower still beside a full suite) is held to what the launcher relies on: exit 0 within the grace.
    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task Every_model_exits_zero_on_sigterm_within_two_seconds_for_bench_targets_and_the_grace_for_others(string model)
    {
        var target = await RunningTarget.StartAsync(model);
        int pid = target.Pid;
        var grace = TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();

        int exitCode = await target.StopAsync(grace);

        Assert.Equal(0, exitCode);
        var bound = Models.IsBenchTarget(model) ? TimeSpan.FromSeconds(2) : grace;
        Assert.True(clock.Elapsed < bound, $"took {clock.Elapsed.TotalMilliseconds:0} ms, more than {bound.TotalSeconds:0} s");
        Assert.False(Directory.Exists($"/proc/{pid}"));
        await target.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task Every_model_exits_zero_on_sigint_too(string model)
    {
        await using var target = await RunningTarget.StartAsync(model);

        CtrlC.Send(target.Pid);

        // What this checks is the exit code; how fast is the SIGTERM test's claim. The wait is the grace a stop gives
        // (gunicorn with four workers took over 2 s in a loaded clean-clone run).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!target.HasExited)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(0, target.ExitCode);
    }
}

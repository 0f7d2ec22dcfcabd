using Bench.Cli;

namespace Bench.Tests.Cli;

/// <summary>The two steps of Ctrl-C, driven by <see cref="Interruption.Request"/> (no signal reaches the test host).</summary>
public sealed class InterruptionTests
{
    [Fact]
    public void The_first_request_stops_the_work_and_says_what_it_stops_without_exiting()
    {
        var stderr = new StringWriter();
        var exits = new List<int>();
        using var interruption = Interruption.OnRequest(stderr, exits.Add);
        interruption.Stopping = "stopping the agent and the shares it runs";

        interruption.Request();

        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.Equal("interrupted: stopping the agent and the shares it runs (again to kill at once)" + Environment.NewLine, stderr.ToString());
        Assert.Empty(exits);
    }

    [Fact]
    public async Task The_second_request_runs_every_kill_hook_then_exits_130()
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interruption = Interruption.OnRequest(TextWriter.Null, code => exited.TrySetResult(code));
        var hooks = new List<string>();
        interruption.OnKill(() => { lock (hooks) { hooks.Add("containers"); } return Task.CompletedTask; });
        interruption.OnKill(async () => { await Task.Yield(); lock (hooks) { hooks.Add("services"); } });

        interruption.Request();
        Assert.Empty(hooks);
        interruption.Request();

        Assert.Equal(ExitCodes.Interrupted, await exited.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(["containers", "services"], hooks.Order());
    }

    [Fact]
    public async Task A_kill_hook_that_fails_is_one_line_and_the_exit_still_comes()
    {
        var stderr = new StringWriter();
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interruption = Interruption.OnRequest(stderr, code => exited.TrySetResult(code));
        interruption.OnKill(() => throw new InvalidOperationException("the engine went away"));

        interruption.Request();
        interruption.Request();

        Assert.Equal(ExitCodes.Interrupted, await exited.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Contains("while killing: the engine went away", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_command_saying_what_it_stops_the_line_says_stopping()
    {
        var stderr = new StringWriter();
        using var interruption = Interruption.OnRequest(stderr, _ => { });

        interruption.Request();

        Assert.StartsWith("interrupted: stopping (again", stderr.ToString(), StringComparison.Ordinal);
    }
}

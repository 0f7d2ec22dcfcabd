using System.CommandLine;
using System.Diagnostics;
using Bench.Cli;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>
/// Exit code 1 means "a gate failed" and nothing else: an error no command handles exits 3 with one line, Ctrl-C 130.
/// Failures are injected, not read from the code: every real command prints to a full disk (/dev/full), and
/// made-up commands throw.
/// </summary>
public sealed class CommandGuardTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    public static TheoryData<string> Commands => ["targets", "scenarios validate", "verify sync", "gate", "compare", "baseline update", "report", "run", "--help"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task When_printing_fails_every_command_exits_three_with_one_line_not_one_and_a_stack_trace(string command)
    {
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), RecordedRuns.Levels(1, (t, l, r) => 100));
        string[] args = command switch
        {
            "gate" or "report" => [command, run],
            "compare" => [command, run, run, "--charts", Path.Combine(_runs.Root, "charts")],
            "baseline update" => ["baseline", "update", run, "--baseline", Path.Combine(_runs.Root, "baselines")],
            "run" => [command, "scenarios/ci-gate.yaml", "--out", Path.Combine(_runs.Root, "new-run")],
            _ => command.Split(' '),
        };

        var (exitCode, stderr) = await RunWithStdoutOnAFullDiskAsync(args);

        string prefix = command switch { "--help" => "bench", "verify sync" => "bench verify", _ => $"bench {command}" };
        Assert.True(exitCode == 3, $"exit {exitCode}: {stderr}");
        Assert.Equal($"{prefix}: unexpected error (IOException): No space left on device", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task An_exception_a_command_does_not_handle_exits_three_with_one_line_naming_the_command()
    {
        var stderr = new StringWriter();

        int exit = await BenchCli.RunAsync(Root(new InvalidOperationException("the cache is\nbroken")), ["broken", "sub"], stderr, Ct);

        Assert.Equal(3, exit);
        Assert.Equal("bench broken sub: unexpected error (InvalidOperationException): the cache is broken", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Cancellation_after_ctrl_c_exits_130_and_a_timeout_s_cancellation_without_it_exits_three()
    {
        using var interrupt = new CancellationTokenSource();
        var stderr = new StringWriter();
        var root = new RootCommand();
        var interrupted = new Command("interrupted");
        interrupted.SetAction(async (_, token) =>
        {
            await interrupt.CancelAsync(); // what Ctrl-C does through the invocation's token
            token.ThrowIfCancellationRequested();
            return 0;
        });
        var timedOut = new Command("timed-out");
        timedOut.SetAction((_, _) => Task.FromException<int>(new TaskCanceledException("the request timed out")));
        root.Subcommands.Add(interrupted);
        root.Subcommands.Add(timedOut);

        int afterCtrlC = await BenchCli.RunAsync(root, ["interrupted"], stderr, interrupt.Token);
        int afterTimeout = await BenchCli.RunAsync(root, ["timed-out"], stderr, Ct);

        Assert.Equal((130, 3), (afterCtrlC, afterTimeout));
        Assert.Equal(["bench interrupted: interrupted", "bench timed-out: unexpected error (TaskCanceledException): the request timed out"], stderr.ToString().TrimEnd().Split(Environment.NewLine));
    }

    private static RootCommand Root(Exception error)
    {
        var sub = new Command("sub");
        sub.SetAction((_, _) => Task.FromException<int>(error));
        var broken = new Command("broken");
        broken.Subcommands.Add(sub);
        var root = new RootCommand();
        root.Subcommands.Add(broken);
        return root;
    }

    private static async Task<(int ExitCode, string Stderr)> RunWithStdoutOnAFullDiskAsync(string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Bench.Launch.TargetsBinary.RepositoryRoot() };
        foreach (string arg in (string[])["-c", "exec \"$@\" > /dev/full", "bash", BenchExecutable.Locate(), .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        string stderr = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        return (process.ExitCode, stderr);
    }
}

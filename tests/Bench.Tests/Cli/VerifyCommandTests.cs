using Bench.Cli;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

public sealed class VerifyCommandTests
{
    [Fact]
    public async Task Verify_checks_only_the_endpoints_an_entry_supports()
    {
        // nginx serves /hello alone: checking /cpu or /info on it would call the reference invalid.
        var outcome = await BenchCommand.RunAsync("verify", "nginx");

        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        Assert.Matches(@"nginx\s+│\s+valid\s+│\s+7/7", outcome.Stdout);
        Assert.DoesNotContain("cpu", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_killed_after_the_grace_says_so_with_the_end_of_its_stderr()
    {
        string reason = VerifyCommand.StopFailure(137, "listening on http://127.0.0.1:4000\naccept: [Errno 24] Too many open files\n\nstill serving\n");

        Assert.Equal("exit code 137 (killed: still running 5 s after SIGTERM); its stderr ended: listening on http://127.0.0.1:4000 | accept: [Errno 24] Too many open files | still serving", reason);
    }

    [Fact]
    public void A_target_exiting_with_its_own_code_and_a_silent_stderr_is_only_that_code()
    {
        Assert.Equal("exit code 1", VerifyCommand.StopFailure(1, ""));
    }
}

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
}

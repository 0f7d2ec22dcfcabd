using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench --help` speaks of the command people type, and lists every command.</summary>
public sealed class BenchCliTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Help_names_the_command_bench_and_lists_every_subcommand()
    {
        var outcome = await BenchExecutable.RunAsync(Ct, "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("  bench [command] [options]", outcome.Stdout, StringComparison.Ordinal);
        foreach (string command in new[] { "run", "targets", "verify", "scenarios", "load", "report", "gate", "baseline", "compare" })
        {
            Assert.Matches($@"(?m)^  {command}\s", outcome.Stdout);
        }
    }

    [Fact]
    public async Task A_commands_help_shows_its_usage_under_bench()
    {
        var outcome = await BenchExecutable.RunAsync(Ct, "run", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("  bench run [<scenarios>...] [options]", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("--target-memory", outcome.Stdout, StringComparison.Ordinal);
    }
}

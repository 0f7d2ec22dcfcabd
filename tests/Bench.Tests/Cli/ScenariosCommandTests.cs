using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>The `bench` executable end to end: what a user sees for good and bad input files.</summary>
public sealed class ScenariosCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Validating_the_repository_s_scenarios_lists_them_and_exits_zero()
    {
        var outcome = await BenchCommand.RunAsync("scenarios", "validate");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("io-bound", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("scenarios valid", outcome.Stdout, StringComparison.Ordinal);
        Assert.Empty(outcome.Stderr);
    }

    [Fact]
    public async Task A_bad_scenario_file_prints_file_line_column_errors_and_exits_two_without_a_stack_trace()
    {
        string file = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(file, "name: x\ndescription: y\ntargets: [async, node]\nrequest: { path: /hello }\nload: { levels: [] }\n", TestContext.Current.CancellationToken);

        var outcome = await BenchCommand.RunAsync("scenarios", "validate", file);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(
        [
            $"{file}:3:18: targets[1]: unknown target 'node'; known: {string.Join(", ", RepositoryFiles.Catalog().Targets.Select(t => t.Name))}",
            $"{file}:5:17: load.levels: found an empty list; expected a non-empty list of connections, like [1, 4, 16, 64]",
        ], outcome.Stderr.TrimEnd().Split('\n'));
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public async Task Listing_targets_shows_every_catalogue_entry()
    {
        var outcome = await BenchCommand.RunAsync("targets");

        Assert.Equal(0, outcome.ExitCode);
        Assert.All(Models.All, model => Assert.Contains(model, outcome.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_targets_shows_every_proxy_as_a_scenario_names_it()
    {
        var outcome = await BenchCommand.RunAsync("targets");

        Assert.Equal(0, outcome.ExitCode);
        foreach (var proxy in RepositoryFiles.Catalog().Proxies)
        {
            string row = outcome.Stdout.Split('\n').Single(l => l.StartsWith($"│ proxy: {proxy.Name} ", StringComparison.Ordinal));
            Assert.Contains("│ proxy ", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listing_targets_counts_the_contract_checks_each_entry_answers_its_own_way()
    {
        var outcome = await BenchCommand.RunAsync("targets");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("differs", outcome.Stdout, StringComparison.Ordinal);
        foreach (var entry in RepositoryFiles.Catalog().Targets)
        {
            // The row's first line: the name is never wrapped, and a count is one short word.
            string row = outcome.Stdout.Split('\n').Single(l => l.StartsWith($"│ {entry.Name} ", StringComparison.Ordinal));
            string count = entry.Differences.Count == 0 ? "-" : entry.Differences.Count.ToString();
            Assert.Contains($"│ {count} ", row, StringComparison.Ordinal);
        }
    }
}

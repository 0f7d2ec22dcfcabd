using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

public sealed class RunDirectoryTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _root = Directory.CreateTempSubdirectory("bench-results-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(new[] { "scenarios/default.yaml" }, "default")]
    [InlineData(new[] { "a/io.yaml", "b/cpu.yaml" }, "io+cpu")]
    [InlineData(new[] { "a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml" }, "a+b+c+2-more")]
    [InlineData(new[] { "scenarios/lessons/" }, "lessons")]
    [InlineData(new string[0], "run")]
    public void A_run_is_named_after_its_scenario_files(string[] files, string name)
    {
        Assert.Equal(name, RunDirectory.NameFor(files));
    }

    [Fact]
    public void A_run_folder_is_named_after_the_run_and_its_start_and_never_reused()
    {
        var start = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        string first = RunDirectory.Create(null, _root, "default", start);
        string second = RunDirectory.Create(null, _root, "default", start);

        Assert.Equal(Path.Combine(_root, "default-20250102-030405"), first);
        Assert.Equal(first + "-2", second);
        Assert.True(Directory.Exists(second));
    }

    [Fact]
    public void Out_names_the_folder_exactly()
    {
        string wanted = Path.Combine(_root, "mine", "run");

        Assert.Equal(wanted, RunDirectory.Create(wanted, "/unused", "default", DateTimeOffset.UnixEpoch));
        Assert.True(Directory.Exists(wanted));
    }

    [Fact]
    public void The_machine_is_read_from_cpuinfo()
    {
        string cpuinfo = Path.Combine(_root, "cpuinfo");
        File.WriteAllText(cpuinfo, "processor\t: 0\nmodel name\t: Fancy CPU @ 3GHz\n\nprocessor\t: 1\nmodel name\t: Fancy CPU @ 3GHz\n");

        Assert.Equal(new MachineInfo(2, "Fancy CPU @ 3GHz"), RunInfoCollector.Machine(cpuinfo));
        Assert.Equal(new MachineInfo(Environment.ProcessorCount, "unknown"), RunInfoCollector.Machine(Path.Combine(_root, "missing")));
    }

    [Fact]
    public async Task The_commit_is_this_checkout_s_head_or_unknown_outside_a_checkout()
    {
        string commit = await RunInfoCollector.GitCommitAsync(RepositoryFiles.PathOf(), Ct);

        Assert.Matches("^[0-9a-f]{40}$", commit);
        Assert.Equal("unknown", await RunInfoCollector.GitCommitAsync(_root, Ct));
    }

    [Fact]
    public async Task Run_info_describes_this_machine_and_runtime()
    {
        var run = await RunInfoCollector.CollectAsync(new PinningInfo("0", "1"), SampleResults.Start, Ct);

        Assert.True(run.Machine.Cores >= 1);
        Assert.Contains(".NET", run.DotnetVersion, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(run.Os));
        Assert.Equal((SampleResults.Start, (DateTimeOffset?)null), (run.StartedAt, run.EndedAt));
    }
}

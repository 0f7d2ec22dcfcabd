using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench compare` end to end: the table, the Markdown and CSV files, and bad input.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    [Fact]
    public async Task Comparing_two_runs_prints_the_changes_and_writes_markdown_and_csv()
    {
        string a = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => 1000));
        string b = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => t == "async" ? 700 : 1000));
        string md = Path.Combine(_runs.Root, "compare.md");
        string csv = Path.Combine(_runs.Root, "compare.csv");

        var outcome = await BenchCommand.RunAsync("compare", a, b, "--markdown", md, "--csv", csv);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("20 measures compared: 2 worse, 0 better beyond the noise, 18 within it, 0 not judged", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("WORSE", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("| async | 64 | throughput | 1000 req/s (n=1) | 700 req/s (n=1) | -30% | ±10% | **WORSE** |  |", await File.ReadAllTextAsync(md, Ct), StringComparison.Ordinal);
        Assert.Equal(21, (await File.ReadAllLinesAsync(csv, Ct)).Length);
    }

    [Fact]
    public async Task Comparing_two_runs_draws_overlay_charts_of_throughput_and_p99()
    {
        string a = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => 1000));
        string b = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => t == "async" ? 700 : 1000));
        string charts = Path.Combine(_runs.Root, "overlay");

        var outcome = await BenchCommand.RunAsync("compare", a, b, "--charts", charts);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains($"2 overlay chart(s) in {charts}", outcome.Stdout, StringComparison.Ordinal);
        foreach (string file in Directory.GetFiles(charts, "*.png"))
        {
            var pixels = await File.ReadAllBytesAsync(file, Ct);
            Assert.True(pixels.Length > 10_000, $"{Path.GetFileName(file)} is {pixels.Length} bytes");
        }

        Assert.Equal(2, Directory.GetFiles(charts, "*-compare-*.png").Length);
        Assert.Equal(2, Directory.GetFiles(charts, "*-compare-*.svg").Length);
    }

    [Fact]
    public async Task A_bad_noise_band_or_a_missing_run_exits_two()
    {
        string a = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => 1000));

        var badNoise = await BenchCommand.RunAsync("compare", a, a, "--noise", "10");
        var missing = await BenchCommand.RunAsync("compare", a, Path.Combine(_runs.Root, "nowhere"));

        Assert.Equal((2, "bench compare: --noise '10' is not a percentage like 10%"), (badNoise.ExitCode, badNoise.Stderr.Trim()));
        Assert.Equal(2, missing.ExitCode);
    }
}

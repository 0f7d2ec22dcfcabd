using Bench.Cli;
using Bench.Gates;
using Bench.Gates.Baselines;
using Bench.Gates.Compare;
using Bench.Tests.Support;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Bench.Tests.Cli;

/// <summary>
/// `bench gate` and `bench compare` in an 80- or 100-column terminal: no line wider than the terminal, no cell broken
/// across lines, one line per check or per target × level where it fits, and a CI log (no width) never wrapped.
/// </summary>
public sealed class ConsoleTablesTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private static (IAnsiConsole Console, StringWriter Output) Terminal(int width)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = width;
        return (console, output);
    }

    private static string[] Lines(StringWriter output) => output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private async Task<GateReport> GateReportAsync()
    {
        var levels = RecordedRuns.Levels(3, (t, l, r) => (t == "async" && l == 64 ? 23_456 : 48.5) * (1 + (0.01 * r)))
            .Select(l => l.Target == "sync" && l.Level == 64 ? RecordedRuns.WithoutSuccess(l, errors: 480) : l);
        string run = await _runs.RecordAsync(
            RecordedRuns.Scenario(3, "async@64 throughput / sync@1 throughput >= 10", "async@64 p99 < 20ms", "*@64 p99 < 5000ms", "*@* errorRate < 1%", "async@64 throughput regression < 10%"),
            levels);
        var results = await RecordedRuns.ReadAsync(run);
        var store = new BaselineStore(Path.Combine(_runs.Root, "baselines"));
        await store.WriteAsync(BaselineBuilder.From(results, results.Scenarios[0], DateTimeOffset.UnixEpoch), Ct);
        return await new GateEvaluator(store, NoiseModel.Default).EvaluateAsync(results, Ct);
    }

    private async Task<ComparisonReport> ComparisonAsync()
    {
        var a = await RecordedRuns.ReadAsync(await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, (t, l, r) => t == "async" && l == 64 ? 41_234 : 10_234)));
        string dir = await _runs.RecordAsync(
            RecordedRuns.Scenario(1),
            RecordedRuns.Levels(1, (t, l, r) => t == "async" && l == 64 ? 29_012 : 10_100).Select(l => l.Target == "sync" && l.Level == 64 ? RecordedRuns.WithoutSuccess(l, errors: 100) : l));
        return RunComparison.Compare(a, await RecordedRuns.ReadAsync(dir), NoiseModel.Default);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public async Task Every_gate_check_s_cells_stay_whole_within_the_terminal_s_width(int width)
    {
        var report = await GateReportAsync();
        var (console, output) = Terminal(width);

        GateTable.Write(report, console);

        var lines = Lines(output);
        Assert.All(lines, l => Assert.True(l.Length < width, $"{l.Length} columns: '{l}'"));
        foreach (var check in report.Checks)
        {
            Assert.Contains(lines, l => l.Contains(check.Gate, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(check.Measured, StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains(check.Margin, StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => Regex.IsMatch(l, @"^pass +async@64 errorRate < 1%"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("sync@64 has no p99: no successful response", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_is_one_line_when_it_fits_and_a_log_without_a_width_never_wraps()
    {
        var report = await GateReportAsync();
        var (console, output) = Terminal(GateTable.Unlimited);

        GateTable.Write(report, console);

        var lines = Lines(output);
        foreach (var check in report.Checks.Where(c => c.Margin.Length > 0))
        {
            Assert.Contains(lines, l => l.Contains(check.Gate, StringComparison.Ordinal) && l.Contains(check.Measured, StringComparison.Ordinal) && l.EndsWith(check.Margin, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    public async Task Each_target_and_level_of_a_comparison_is_one_line_with_the_metrics_as_columns_in_short_units(int width)
    {
        var report = await ComparisonAsync();
        var (console, output) = Terminal(width);

        CompareTable.Write(report, console);

        var lines = Lines(output);
        Assert.All(lines, l => Assert.True(l.Length < width, $"{l.Length} columns: '{l}'"));
        var header = Assert.Single(lines, l => l.StartsWith("target", StringComparison.Ordinal));
        Assert.Matches(@"^target\s+level\s+throughput\s+(p50\s+)?(p90\s+)?p99\s+(p99.9\s+)?verdict$", header);
        var async64 = Assert.Single(lines, l => l.StartsWith("async ", StringComparison.Ordinal) && l.Contains(" 64 ", StringComparison.Ordinal));
        Assert.Matches(@"^async\s+64\s+29k/s -29.6%\*\s+20.4ms \+0%\s+.*25\.5ms \+0%\s+.*WORSE$", async64);
        var sync64 = Assert.Single(lines, l => l.StartsWith("sync ", StringComparison.Ordinal) && l.Contains(" 64 ", StringComparison.Ordinal));
        Assert.Matches(@"^sync\s+64\s+0/s -100%\*(\s+–){3,4}\s+WORSE$", sync64);
        Assert.Contains(lines, l => l == "    run B: sync@64 has no p50, p90, p99, p999: no successful response");
        Assert.Equal(width < 100, lines.Any(l => l.StartsWith("(not shown at this width: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_table_too_wide_even_without_its_optional_columns_stacks_each_row_as_whole_label_value_pairs()
    {
        var table = new TextTable(new TextColumn("result", Lead: true), new TextColumn("gate", Lead: true), new TextColumn("measured"), new TextColumn("margin"));
        table.AddRow([new TextCell("FAIL"), new TextCell("async@256 throughput / sync@256 throughput >= 10"), new TextCell("4.2 (3000 req/s / 714 req/s)"), new TextCell("-5.8 (-58%)")], "a note long enough to wrap at fifty columns, at spaces only");

        var lines = table.Layout(50).Select(l => string.Concat(l.Select(c => c.Text))).ToArray();

        Assert.Equal(
        [
            "FAIL  async@256 throughput / sync@256 throughput >= 10",
            "    measured 4.2 (3000 req/s / 714 req/s)",
            "    margin -5.8 (-58%)",
            "    a note long enough to wrap at fifty columns,",
            "      at spaces only",
        ], lines);
    }
}

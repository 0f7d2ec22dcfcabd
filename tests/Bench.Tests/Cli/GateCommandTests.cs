using System.Xml.Linq;
using Bench.Cli;
using Bench.Tests.Support;
using Spectre.Console;

namespace Bench.Tests.Cli;

/// <summary>`bench gate` end to end on recorded runs: the exit codes 0–3, the table, the JUnit and Markdown files, the step summary.</summary>
public sealed class GateCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RecordedRuns _runs = new();

    public void Dispose() => _runs.Dispose();

    private static double Rps(string target, int level, int repeat) => target == "async" && level == 64 ? 3000 : 50;

    private Task<string> RunWithGatesAsync(params string[] gates) => _runs.RecordAsync(RecordedRuns.Scenario(1, gates), RecordedRuns.Levels(1, Rps));

    [Fact]
    public async Task Passing_gates_exit_zero_and_print_a_table_with_expected_measured_and_margin()
    {
        string run = await RunWithGatesAsync("async@64 throughput / sync@64 throughput >= 10", "async@64 p99 < 30ms");

        var outcome = await BenchCommand.RunAsync("gate", run);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("async@64 throughput / sync@64 throughput >= 10", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("60 (3000 req/s / 50 req/s)", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("+4.5 ms (+15%)", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 gate checks: 2 passed, 0 failed, 0 invalid — PASSED", outcome.Stdout, StringComparison.Ordinal);
        Assert.Empty(outcome.Stderr);
    }

    [Fact]
    public async Task A_failed_gate_exits_one_and_the_junit_file_lists_every_check()
    {
        string run = await RunWithGatesAsync("*@64 p99 < 20ms", "async@64 throughput >= 100");
        string junit = Path.Combine(_runs.Root, "out", "gates.xml");
        string markdown = Path.Combine(_runs.Root, "out", "gates.md");

        var outcome = await BenchCommand.RunAsync("gate", run, "--junit", junit, "--markdown", markdown);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("FAIL", outcome.Stdout, StringComparison.Ordinal);
        var cases = XDocument.Parse(await File.ReadAllTextAsync(junit, Ct)).Descendants("testcase").ToArray();
        Assert.Equal(["sync@64 p99 < 20ms", "async@64 p99 < 20ms", "async@64 throughput >= 100"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.Equal([true, true, false], cases.Select(c => c.Element("failure") is not null));
        Assert.StartsWith("## Bench gates: FAILED", await File.ReadAllTextAsync(markdown, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_invalid_for_gating_exits_three_even_when_its_numbers_pass()
    {
        var levels = RecordedRuns.Levels(1, Rps).Select(l => l.Target == "async" ? l with { Valid = false, InvalidReason = "the generator's core was saturated" } : l);
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), levels);

        var outcome = await BenchCommand.RunAsync("gate", run);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("INVALID", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("RUN INVALID: not gated", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unfinished_run_is_refused_with_exit_three_and_one_line_even_when_every_gate_would_pass()
    {
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(1, "async@64 throughput >= 10"), RecordedRuns.Levels(1, Rps), finished: false);

        var outcome = await BenchCommand.RunAsync("gate", run);

        Assert.Equal((3, "bench gate: not gated: the run did not finish (results.json has no run.endedAt)"), (outcome.ExitCode, outcome.Stderr.Trim()));
        Assert.DoesNotContain("PASSED", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_with_fewer_repeats_than_planned_is_refused_with_exit_three_and_one_line()
    {
        // Three repeats planned; async@64 has two (its third was never recorded), in a run that says it finished.
        var levels = RecordedRuns.Levels(3, Rps).Where(l => !(l.Target == "async" && l.Level == 64 && l.Repeat == 3));
        string run = await _runs.RecordAsync(RecordedRuns.Scenario(3, "sync@1 throughput >= 10"), levels);

        var outcome = await BenchCommand.RunAsync("gate", run);

        Assert.Equal((3, "bench gate: not gated: io: async@64 has 2 of 3 planned repeat(s)"), (outcome.ExitCode, outcome.Stderr.Trim()));
    }

    [Fact]
    public async Task Bad_input_exits_two_a_malformed_gate_with_its_file_line_and_column()
    {
        var scenario = RecordedRuns.Scenario(1) with { Gates = [new("async@64 p99 << 5ms", new("scenarios/io.yaml", 7, 6))] };
        string malformed = await _runs.RecordAsync(scenario, RecordedRuns.Levels(1, Rps));
        string noGates = await _runs.RecordAsync(RecordedRuns.Scenario(1), RecordedRuns.Levels(1, Rps));

        var bad = await BenchCommand.RunAsync("gate", malformed);
        var none = await BenchCommand.RunAsync("gate", noGates);
        var missing = await BenchCommand.RunAsync("gate", Path.Combine(_runs.Root, "nowhere"));
        var usage = await BenchCommand.RunAsync("gate");

        Assert.Equal((2, "scenarios/io.yaml:7:20: gate 'async@64 p99 << 5ms': found '<' after the comparison; expected a time like 5ms, 0.2s or 500us (a bare number is milliseconds)"), (bad.ExitCode, bad.Stderr.Trim()));
        Assert.Equal((2, "bench gate: no scenario of the run (io) has gates; nothing to check"), (none.ExitCode, none.Stderr.Trim()));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("bench gate: no results.json at ", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task The_gating_step_appends_its_markdown_to_the_github_step_summary()
    {
        string run = await RunWithGatesAsync("async@64 p99 < 30ms");
        string summary = Path.Combine(_runs.Root, "step-summary.md");
        await File.WriteAllTextAsync(summary, "earlier step\n", Ct);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        int exit = await GateRun.RunAsync(await RecordedRuns.ReadAsync(run), new GateOptions(Path.Combine(_runs.Root, "baselines"), StepSummaryPath: summary), console, TextWriter.Null, Ct);

        Assert.Equal(0, exit);
        Assert.StartsWith("earlier step\n## Bench gates: passed", await File.ReadAllTextAsync(summary, Ct), StringComparison.Ordinal);
        Assert.Contains("async@64 p99 < 30ms", output.ToString(), StringComparison.Ordinal);
    }
}

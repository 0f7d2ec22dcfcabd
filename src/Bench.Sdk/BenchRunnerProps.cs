using Bench.Sdk.Running;

namespace Bench.Sdk;

/// <summary>
/// The registered scenarios and where the run writes. <see cref="Run"/> runs them all at once (as NBomber does),
/// writes a Bench run folder and returns Bench's exit code: 0 ok, 1 a threshold failed, 2 bad input (a bad scenario,
/// simulation, threshold or argument: one line each, file:line), 3 the run is invalid (the generator saturated, an init
/// failed, a threshold's cell invalid), 130 Ctrl-C (what was measured is written, every clean has run).
/// </summary>
public sealed record BenchRunnerProps
{
    internal BenchRunnerProps(IReadOnlyList<ScenarioProps> scenarios) => Scenarios = scenarios;

    public IReadOnlyList<ScenarioProps> Scenarios { get; }

    /// <summary>The run folder (results.json, summary.csv, summary.md); default results/&lt;scenarios&gt;-&lt;time&gt;/ under the current folder. <c>--out</c> overrides it.</summary>
    public string? ReportFolder { get; private init; }

    /// <summary>Where regression thresholds read baselines; default results/baselines under the current folder. <c>--baseline</c> overrides it.</summary>
    public string? BaselineFolder { get; private init; }

    internal TimeProvider Time { get; private init; } = TimeProvider.System;

    internal TextWriter Output { get; private init; } = Console.Out;

    internal TextWriter ErrorOutput { get; private init; } = Console.Error;

    internal bool HandlesSignals { get; private init; } = true;

    public BenchRunnerProps WithReportFolder(string folder) => this with { ReportFolder = folder };

    public BenchRunnerProps WithBaselineFolder(string folder) => this with { BaselineFolder = folder };

    /// <summary>The clock of schedules, windows and latencies (tests pass a fake one); CPU is always measured in real time.</summary>
    public BenchRunnerProps WithTimeProvider(TimeProvider time) => this with { Time = time ?? throw new ArgumentNullException(nameof(time)) };

    /// <summary>Where the level lines and gate table go (<paramref name="output"/>) and the log and errors (<paramref name="errors"/>); Ctrl-C is then left to the caller's token.</summary>
    public BenchRunnerProps WithConsole(TextWriter output, TextWriter errors) => this with { Output = output, ErrorOutput = errors, HandlesSignals = false };

    /// <summary>Runs the scenarios; <paramref name="args"/>: <c>--out &lt;dir&gt;</c>, <c>--baseline &lt;dir&gt;</c>, <c>--help</c>. Cancelling <paramref name="cancellationToken"/> is Ctrl-C.</summary>
    public Task<int> Run(string[]? args = null, CancellationToken cancellationToken = default) =>
        new RunSession(this).RunAsync(args ?? [], cancellationToken);
}

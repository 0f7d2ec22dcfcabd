using Bench.Gates;
using Bench.Gates.Baselines;

namespace Bench.Cli;

/// <summary>
/// Where gating reads baselines and writes its reports: --baseline (default results/baselines), --junit, --markdown,
/// and $GITHUB_STEP_SUMMARY (appended to when set). Shared by `bench gate` and `bench run --gate`.
/// </summary>
public sealed record GateOptions(string BaselineDirectory, string? JunitPath = null, string? MarkdownPath = null, string? StepSummaryPath = null)
{
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public NoiseModel Noise { get; init; } = NoiseModel.Default;

    /// <summary>The defaults, with $GITHUB_STEP_SUMMARY read from the environment.</summary>
    public static GateOptions FromEnvironment(string? baselineDirectory = null, string? junitPath = null, string? markdownPath = null) => new(
        baselineDirectory ?? BaselineStore.DefaultDirectory,
        junitPath,
        markdownPath,
        Environment.GetEnvironmentVariable(StepSummaryVariable) is { Length: > 0 } summary ? summary : null);
}

using System.Globalization;

namespace Bench.Results;

/// <summary>A scenario's effective target placement: the cores (kernel list; null when not pinned) and the CPU quota in cores (null for none).</summary>
public sealed record PlacementDefinition(string? TargetCpus, double? TargetCpuQuota)
{
    /// <summary>
    /// The one line summary.md and report.html show for a scenario that placed its targets itself:
    /// "Targets of this scenario ran on cores 0-1 without a CPU quota (the run's: cores 0, quota 0.5 core); the generator stayed on cores 1."
    /// </summary>
    public string Describe(PinningInfo run) =>
        $"Targets of this scenario ran on {Where(TargetCpus, TargetCpuQuota)} (the run's: {Where(run.TargetCpus, run.TargetCpuQuota)}); the generator stayed on cores {run.GeneratorCpus ?? "any"}.";

    private static string Where(string? cpus, double? quota) =>
        $"cores {cpus ?? "any"} {(quota is { } q ? $"under a CPU quota of {q.ToString("0.##", CultureInfo.InvariantCulture)} core" : "without a CPU quota")}";
}

using Bench.Targets.Sampling;

namespace Bench.Results;

/// <summary>What the target's process tree spent during the level (Targets/Sampling), per level and per request.</summary>
public sealed record ResourceResult(
    double CpuSeconds,
    double CpuMsPerRequest,
    long PeakRssBytes,
    int MaxThreads,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches)
{
    /// <summary>Where the numbers come from: "proc" (a process tree) or "docker-stats" (a container; see <see cref="ResourceUsage"/>).</summary>
    public string Source { get; init; } = ResourceUsage.ProcSource;

    public static ResourceResult From(ResourceUsage usage, long requests) => new(
        usage.CpuSeconds,
        usage.CpuMsPerRequest(requests),
        usage.PeakRssBytes,
        usage.MaxThreads,
        usage.VoluntaryContextSwitches,
        usage.InvoluntaryContextSwitches)
    {
        Source = usage.Source,
    };
}

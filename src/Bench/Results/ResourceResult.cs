using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Results;

/// <summary>What the target's process tree spent during the level (Targets/Sampling), per level and per request; for a container, also the engine's view.</summary>
/// <param name="CpuMsPerRequest">CPU milliseconds per successful response; null when there was none (cost of nothing is not a number).</param>
/// <param name="CpuMsPerAttempt">CPU milliseconds per request that ended in the window, success or error; null when none ended.</param>
public sealed record ResourceResult(
    double CpuSeconds,
    double? CpuMsPerRequest,
    long PeakRssBytes,
    int MaxThreads,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches)
{
    public double? CpuMsPerAttempt { get; init; }

    /// <summary>For a docker target, what the engine's stats API says of its container over the window; null for a process.</summary>
    public ContainerUsage? Container { get; init; }

    public static ResourceResult From(ResourceUsage usage, long requests, long attempts) => new(
        usage.CpuSeconds,
        PerRequest(usage, requests),
        usage.PeakRssBytes,
        usage.MaxThreads,
        usage.VoluntaryContextSwitches,
        usage.InvoluntaryContextSwitches)
    {
        CpuMsPerAttempt = PerRequest(usage, attempts),
        Container = usage.Container,
    };

    private static double? PerRequest(ResourceUsage usage, long count) => count > 0 ? usage.CpuSeconds * 1000 / count : null;
}

using Bench.Targets.Docker;
using Bench.Targets.Sampling;

namespace Bench.Results;

/// <summary>What the target's process tree spent during the level (Targets/Sampling), per level and per request; for a container, also the engine's view.</summary>
public sealed record ResourceResult(
    double CpuSeconds,
    double CpuMsPerRequest,
    long PeakRssBytes,
    int MaxThreads,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches)
{
    /// <summary>For a docker target, what the engine's stats API says of its container over the window; null for a process.</summary>
    public ContainerUsage? Container { get; init; }

    public static ResourceResult From(ResourceUsage usage, long requests) => new(
        usage.CpuSeconds,
        usage.CpuMsPerRequest(requests),
        usage.PeakRssBytes,
        usage.MaxThreads,
        usage.VoluntaryContextSwitches,
        usage.InvoluntaryContextSwitches)
    {
        Container = usage.Container,
    };
}

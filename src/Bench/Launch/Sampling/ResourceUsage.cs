namespace Bench.Launch.Sampling;

/// <summary>
/// What a process tree used over a sampling window: CPU seconds (user + system) and context switches are
/// increases over the window; RSS and threads are the largest seen in any sample. A container's processes are
/// sampled the same way (the host sees them in /proc), so the numbers compare; <see cref="Container"/> adds what the
/// engine's stats say of the container.
/// </summary>
public sealed record ResourceUsage(
    double CpuSeconds,
    long PeakRssBytes,
    int MaxThreads,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches,
    int Samples,
    TimeSpan Window)
{
    public static ResourceUsage None { get; } = new(0, 0, 0, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The engine's view of a docker target's container over the same window; null for a process.</summary>
    public Docker.ContainerUsage? Container { get; init; }

    /// <summary>For a proxy in front of replicas, each component's own usage (the record is their total); null for one process.</summary>
    public IReadOnlyList<ComponentUsage>? Components { get; init; }
}

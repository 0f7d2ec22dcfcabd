namespace Bench.Targets.Sampling;

/// <summary>
/// What a process tree used over a sampling window: CPU seconds (user + system) and context switches are
/// increases over the window; RSS and threads are the largest seen in any sample. <see cref="Source"/> says where the
/// numbers come from: /proc for a process tree; the engine's stats for a container, which count threads as the
/// cgroup's tasks, memory as docker stats shows it (usage without inactive file cache), and no context switches.
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
    public const string ProcSource = "proc";
    public const string DockerStatsSource = "docker-stats";

    public static ResourceUsage None { get; } = new(0, 0, 0, 0, 0, 0, TimeSpan.Zero);

    public string Source { get; init; } = ProcSource;

    /// <summary>CPU milliseconds spent per request served; 0 when nothing was served (never NaN: it goes into JSON).</summary>
    public double CpuMsPerRequest(long requests) => requests > 0 ? CpuSeconds * 1000 / requests : 0;
}

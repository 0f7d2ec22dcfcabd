namespace Bench.Launch.Docker;

/// <summary>
/// What the engine's stats API says a container used over a window: CPU seconds of its cgroup, the peak of its memory
/// as docker stats shows it (usage without inactive file cache: what counts toward an OOM kill), the most tasks
/// (threads) it had, its memory limit, and how many readings that took.
/// </summary>
public sealed record ContainerUsage(double CpuSeconds, long PeakMemoryBytes, int MaxTasks, long MemoryLimitBytes, int Readings);

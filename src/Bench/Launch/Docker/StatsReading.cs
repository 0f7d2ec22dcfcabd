using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>
/// One reading of a container's stats from the engine: CPU used since it started (ns), its memory as docker stats
/// shows it (usage without the inactive file cache, which the kernel reclaims before it would kill for memory), and
/// its tasks (threads of all its processes: the pids controller counts threads).
/// </summary>
public sealed record StatsReading(ulong CpuNanoseconds, long MemoryBytes, int Tasks)
{
    public static StatsReading From(ContainerStatsResponse stats)
    {
        ulong usage = stats.MemoryStats?.Usage ?? 0;
        ulong inactive = 0;
        if (stats.MemoryStats?.Stats is { } detail)
        {
            // cgroup v1 names it total_inactive_file, v2 inactive_file; docker stats subtracts the same.
            inactive = detail.TryGetValue("total_inactive_file", out ulong v1) ? v1
                : detail.TryGetValue("inactive_file", out ulong v2) ? v2 : 0;
        }

        return new StatsReading(
            stats.CPUStats?.CPUUsage?.TotalUsage ?? 0,
            (long)(usage > inactive ? usage - inactive : usage),
            (int)Math.Min(stats.PidsStats?.Current ?? 0, int.MaxValue));
    }
}

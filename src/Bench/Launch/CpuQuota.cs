using Bench.Launch.Cgroups;

namespace Bench.Launch;

/// <summary>
/// A CPU quota for a target's processes, in a cgroup of its own (v1: cpu.cfs_period_us and cpu.cfs_quota_us; v2:
/// cpu.max "&lt;quota&gt; &lt;period&gt;"): on two cores a fast target (nginx, Kestrel, async on /hello) can answer
/// faster than one core of any generator can ask, and then a chart shows the generator. A quota of, say, half a core
/// leaves the generator headroom (design.md, "Measuring fairly"). Short CFS periods (2 ms) keep the throttling from
/// adding long stalls to the latency being measured.
/// </summary>
public static class CpuQuota
{
    private const int PeriodMicros = 2000;
    private const int MinQuotaMicros = 1000; // the kernel's floor

    /// <summary>Whether quotas can be set here (a writable cpu controller, v1 or v2); <see cref="CgroupHost.Cpu"/> says why not.</summary>
    public static bool IsAvailable => CgroupHost.System.Cpu.IsAvailable;

    /// <summary>
    /// The CFS period and quota (µs) for <paramref name="cores"/>: the same for a process's cgroup and a container's
    /// (Docker's --cpus would use 100 ms periods, whose throttling stalls show up as latency), so both are throttled alike.
    /// </summary>
    public static (int PeriodMicros, int QuotaMicros) Plan(double cores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cores, 0);
        int period = Math.Max(PeriodMicros, (int)Math.Ceiling(MinQuotaMicros / cores));
        return (period, (int)Math.Round(cores * period));
    }

    /// <summary>Limits <paramref name="group"/> to <paramref name="cores"/> cores (0.5 = half of one).</summary>
    internal static void Apply(Cgroup group, double cores)
    {
        var (period, quota) = Plan(cores);
        if (group.Version == CgroupVersion.V2)
        {
            group.Write("cpu.max", FormattableString.Invariant($"{quota} {period}"));
            return;
        }

        group.Write("cpu.cfs_period_us", period);
        group.Write("cpu.cfs_quota_us", quota);
    }
}

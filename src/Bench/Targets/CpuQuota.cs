namespace Bench.Targets;

/// <summary>
/// A CPU quota for a target's processes, as a cgroup (v1, cpu controller) of its own: on two cores a fast target
/// (nginx, Kestrel, async on /hello) can answer faster than one core of any generator can ask, and then a chart shows
/// the generator. A quota of, say, half a core leaves the generator headroom (design.md, "Measuring fairly").
/// Short CFS periods (2 ms) keep the throttling from adding long stalls to the latency being measured.
/// </summary>
public sealed class CpuQuota : IDisposable
{
    private const string Controller = "cpu";
    private const int PeriodMicros = 2000;
    private const int MinQuotaMicros = 1000; // the kernel's floor

    private readonly Cgroup _cgroup;

    private CpuQuota(Cgroup cgroup, double cores)
    {
        _cgroup = cgroup;
        Cores = cores;
    }

    public double Cores { get; }

    /// <summary>Whether quotas can be set here: the cgroup v1 cpu controller is mounted and writable (root).</summary>
    public static bool IsAvailable => Cgroup.IsAvailable(Controller, "cpu.cfs_quota_us");

    /// <summary>A new, empty cgroup limited to <paramref name="cores"/> cores (0.5 = half of one).</summary>
    public static CpuQuota Create(double cores)
    {
        var (period, quota) = Plan(cores);
        var cgroup = Cgroup.Create(Controller);
        try
        {
            cgroup.Write("cpu.cfs_period_us", period);
            cgroup.Write("cpu.cfs_quota_us", quota);
            return new CpuQuota(cgroup, cores);
        }
        catch
        {
            cgroup.Dispose();
            throw;
        }
    }

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

    /// <summary>Moves a process, with all its threads, into the quota; children it starts later inherit it.</summary>
    public void Add(int pid) => _cgroup.Add(pid);

    public void Dispose() => _cgroup.Dispose();
}

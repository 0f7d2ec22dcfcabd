using System.Globalization;

namespace Bench.Targets;

/// <summary>
/// A CPU quota for a target's processes, as a cgroup (v1, cpu controller) of its own: on two cores a fast target
/// (nginx, Kestrel, async on /hello) can answer faster than one core of any generator can ask, and then a chart shows
/// the generator. A quota of, say, half a core leaves the generator headroom (design.md, "Measuring fairly").
/// Short CFS periods (2 ms) keep the throttling from adding long stalls to the latency being measured.
/// </summary>
public sealed class CpuQuota : IDisposable
{
    private const string Root = "/sys/fs/cgroup/cpu";
    private const int PeriodMicros = 2000;
    private const int MinQuotaMicros = 1000; // the kernel's floor

    private static int s_sequence;

    private readonly string _directory;

    private CpuQuota(string directory, double cores)
    {
        _directory = directory;
        Cores = cores;
    }

    public double Cores { get; }

    /// <summary>Whether quotas can be set here: the cgroup v1 cpu controller is mounted and writable (root).</summary>
    public static bool IsAvailable =>
        File.Exists(Path.Combine(Root, "cpu.cfs_quota_us")) && Environment.UserName == "root";

    /// <summary>A new, empty cgroup limited to <paramref name="cores"/> cores (0.5 = half of one).</summary>
    public static CpuQuota Create(double cores)
    {
        RemoveAbandoned();
        var (period, quota) = Plan(cores);
        string directory = Path.Combine(Root, $"bench-{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "cpu.cfs_period_us"), period.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(directory, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
        return new CpuQuota(directory, cores);
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

    /// <summary>
    /// Removes the empty quota cgroups of Bench processes that no longer exist (killed before they could clean up),
    /// so no run leaves anything behind for long.
    /// </summary>
    public static void RemoveAbandoned()
    {
        foreach (string directory in Directory.EnumerateDirectories(Root, "bench-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], out int owner) && !Directory.Exists($"/proc/{owner}"))
            {
                try
                {
                    Directory.Delete(directory); // fails, harmlessly, while a process is still in it
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>Moves a process, with all its threads, into the quota; children it starts later inherit it.</summary>
    public void Add(int pid) => File.WriteAllText(Path.Combine(_directory, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Removes the cgroup; anything still in it (it should not be) goes back to the root first.</summary>
    public void Dispose()
    {
        try
        {
            foreach (string pid in File.ReadAllLines(Path.Combine(_directory, "cgroup.procs")))
            {
                File.WriteAllText(Path.Combine(Root, "cgroup.procs"), pid);
            }

            Directory.Delete(_directory);
        }
        catch (IOException)
        {
            // Already gone, or a process exiting right now: the kernel frees an empty cgroup's memory anyway.
        }
    }
}

namespace Bench.Launch.Sampling;

/// <summary>
/// One look at a process tree. CPU ticks are per process (keyed by pid and start time) and context switches
/// per thread, so what a process or thread did before it exited still counts after it is gone.
/// </summary>
public sealed record TreeSample(
    IReadOnlyDictionary<(int Pid, long Start), long> CpuTicks,
    IReadOnlyDictionary<(int Pid, long Start, int Tid), (long Voluntary, long Involuntary)> Switches,
    long RssBytes,
    int Threads)
{
    public static TreeSample Empty { get; } = new(new Dictionary<(int, long), long>(), new Dictionary<(int, long, int), (long, long)>(), 0, 0);

    /// <summary>Reads the whole tree of <paramref name="rootPid"/> now.</summary>
    public static TreeSample Take(int rootPid, ProcFs procFs)
    {
        var cpu = new Dictionary<(int, long), long>();
        var switches = new Dictionary<(int, long, int), (long, long)>();
        long rss = 0;
        int threads = 0;
        foreach (var process in ProcessTree.Of(rootPid, procFs).Where(p => !p.IsZombie))
        {
            cpu[(process.Pid, process.StartTime)] = process.CpuTicks;
            rss += process.RssPages * Environment.SystemPageSize;
            threads += process.Threads;
            foreach (int tid in procFs.Threads(process.Pid))
            {
                if (procFs.ThreadSwitches(process.Pid, tid) is { } counts)
                {
                    switches[(process.Pid, process.StartTime, tid)] = counts;
                }
            }
        }

        return new TreeSample(cpu, switches, rss, threads);
    }
}

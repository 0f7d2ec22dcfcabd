namespace Bench.Launch.Sampling;

/// <summary>
/// A process and all its descendants, found by scanning every /proc/&lt;pid&gt;/stat for parent ids
/// (/proc/&lt;pid&gt;/task/*/children needs a kernel option that is not always there).
/// </summary>
public static class ProcessTree
{
    /// <summary>The root first, then its descendants; empty when the root does not exist.</summary>
    public static IReadOnlyList<ProcStat> Of(int rootPid, ProcFs procFs)
    {
        var all = procFs.Pids().Select(procFs.Stat).OfType<ProcStat>().ToArray();
        var root = all.FirstOrDefault(p => p.Pid == rootPid);
        if (root is null)
        {
            return [];
        }

        var children = all.ToLookup(p => p.ParentPid);
        var tree = new List<ProcStat> { root };
        for (int i = 0; i < tree.Count; i++)
        {
            tree.AddRange(children[tree[i].Pid]);
        }

        return tree;
    }

    /// <summary>
    /// Every process started with <c><paramref name="variable"/>=<paramref name="value"/></c> in its environment, wherever it
    /// is now: what a launch started that left its tree (a daemon such as epmd forks, its parent exits, init adopts it).
    /// </summary>
    public static IReadOnlyList<ProcStat> Marked(string variable, string value, ProcFs procFs)
    {
        string entry = $"{variable}={value}";
        return procFs.Pids()
            .Where(pid => procFs.Environment(pid) is { } environment && environment.Split('\0').Contains(entry, StringComparer.Ordinal))
            .Select(procFs.Stat).OfType<ProcStat>().Where(p => !p.IsZombie).ToArray();
    }

    /// <summary>
    /// SIGKILLs every process of <paramref name="snapshot"/> still alive as the same process (same start time),
    /// and waits until they are dead: children that outlived a stopped parent were reparented and are no longer
    /// in its tree. Returns how many were killed.
    /// </summary>
    public static async Task<int> KillSurvivorsAsync(IReadOnlyCollection<ProcStat> snapshot, ProcFs procFs, TimeSpan wait)
    {
        var survivors = snapshot.Where(p => IsAlive(p, procFs) && NativeMethods.Kill(p.Pid, NativeMethods.SIGKILL) == 0).ToArray();

        // A signal is delivered when the process next runs: on a busy machine that is not at once.
        var deadline = DateTime.UtcNow + wait;
        while (survivors.Any(p => IsAlive(p, procFs)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        return survivors.Length;
    }

    /// <summary>True while process <paramref name="pid"/> runs and is the one that started at <paramref name="startTime"/> (a reused pid is another process).</summary>
    public static bool IsRunning(int pid, long startTime, ProcFs procFs)
    {
        ArgumentNullException.ThrowIfNull(procFs);
        return procFs.Stat(pid) is { IsZombie: false } now && now.StartTime == startTime;
    }

    private static bool IsAlive(ProcStat process, ProcFs procFs) => IsRunning(process.Pid, process.StartTime, procFs);
}

namespace Bench.Targets.Sampling;

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
    /// SIGKILLs every process of <paramref name="snapshot"/> still alive as the same process (same start time):
    /// children that outlived a stopped parent were reparented and are no longer in its tree.
    /// </summary>
    public static int KillSurvivors(IEnumerable<ProcStat> snapshot, ProcFs procFs)
    {
        int killed = 0;
        foreach (var process in snapshot)
        {
            if (procFs.Stat(process.Pid) is { IsZombie: false } now && now.StartTime == process.StartTime && NativeMethods.Kill(process.Pid, NativeMethods.SIGKILL) == 0)
            {
                killed++;
            }
        }

        return killed;
    }
}

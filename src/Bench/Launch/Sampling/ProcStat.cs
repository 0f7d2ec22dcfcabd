namespace Bench.Launch.Sampling;

/// <summary>
/// The fields of /proc/&lt;pid&gt;/stat that sampling uses. CPU times are in clock ticks; <see cref="StartTime"/>
/// (ticks after boot) tells a process from a later one that reused its pid.
/// </summary>
public sealed record ProcStat(int Pid, int ParentPid, char State, long UserTicks, long SystemTicks, int Threads, long StartTime, long RssPages)
{
    public long CpuTicks => UserTicks + SystemTicks;

    /// <summary>Exited but not yet reaped: holds no resources, cannot be killed again.</summary>
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>Parses one stat line; null when it is not one (a process that vanished mid-read leaves an empty file).</summary>
    public static ProcStat? Parse(string line)
    {
        // The command name (field 2) is in parentheses and may itself hold spaces and ')': split after the last ')'.
        int open = line.IndexOf(" (", StringComparison.Ordinal);
        int close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line.AsSpan(0, open), out int pid))
        {
            return null;
        }

        string[] f = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // f[0] is field 3 (state): field N is f[N - 3].
        if (f.Length < 22
            || !int.TryParse(f[1], out int ppid)
            || !long.TryParse(f[11], out long utime)
            || !long.TryParse(f[12], out long stime)
            || !int.TryParse(f[17], out int threads)
            || !long.TryParse(f[19], out long start)
            || !long.TryParse(f[21], out long rss))
        {
            return null;
        }

        return new ProcStat(pid, ppid, f[0][0], utime, stime, threads, start, rss);
    }
}

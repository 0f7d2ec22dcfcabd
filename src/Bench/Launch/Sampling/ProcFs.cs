namespace Bench.Launch.Sampling;

/// <summary>
/// Reads the few /proc files sampling needs. The root is a parameter so tests can lay out a fake /proc.
/// Processes and threads vanish at any moment: every read returns null or nothing instead of throwing.
/// </summary>
public sealed class ProcFs(string root = "/proc")
{
    public static ProcFs System { get; } = new();

    public string Root { get; } = root;

    public IEnumerable<int> Pids() => NumericEntries(Root);

    public ProcStat? Stat(int pid) => ReadText(Path.Combine(Root, pid.ToString(), "stat")) is { } text ? ProcStat.Parse(text) : null;

    public IEnumerable<int> Threads(int pid) => NumericEntries(Path.Combine(Root, pid.ToString(), "task"));

    /// <summary>(voluntary, involuntary) context switches of one thread; the process-level file counts only its main thread.</summary>
    public (long Voluntary, long Involuntary)? ThreadSwitches(int pid, int tid)
    {
        if (ReadText(Path.Combine(Root, pid.ToString(), "task", tid.ToString(), "status")) is not { } text)
        {
            return null;
        }

        long? voluntary = StatusField(text, "voluntary_ctxt_switches");
        long? involuntary = StatusField(text, "nonvoluntary_ctxt_switches");
        return voluntary is { } v && involuntary is { } i ? (v, i) : null;
    }

    /// <summary>The value of one "Name:\tvalue" line of a status file, first number only ("123 kB" → 123).</summary>
    public static long? StatusField(string status, string name)
    {
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(name) && line.Length > name.Length && line[name.Length] == ':')
            {
                var value = line[(name.Length + 1)..].Trim();
                int space = value.IndexOf(' ');
                return long.TryParse(space < 0 ? value : value[..space], out long n) ? n : null;
            }
        }

        return null;
    }

    /// <summary>The text of /proc/stat (per-CPU time by state); null when it cannot be read.</summary>
    public string? CpuStat() => ReadText(Path.Combine(Root, "stat"));

    /// <summary>The NUL-separated environment a process was started with (/proc/&lt;pid&gt;/environ); null when unreadable.</summary>
    public string? Environment(int pid) => ReadText(Path.Combine(Root, pid.ToString(), "environ"));

    public string? Status(int pid) => ReadText(Path.Combine(Root, pid.ToString(), "status"));

    private static IEnumerable<int> NumericEntries(string directory)
    {
        string[] entries;
        try
        {
            entries = Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return entries.Select(Path.GetFileName).Select(n => int.TryParse(n, out int id) ? id : -1).Where(id => id > 0);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

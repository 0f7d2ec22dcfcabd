using System.Globalization;

namespace Bench.Tests.Support;

/// <summary>A fake /proc in a temporary folder: stat and per-thread status files, as many as a test writes.</summary>
public sealed class FakeProc : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("bench-proc-").FullName;

    /// <summary>Writes /proc/&lt;pid&gt;/stat and one task status per entry of <paramref name="threads"/> (tid → switches).</summary>
    public void Process(int pid, int parent, long utime, long stime, long rssPages, long start = 1000, char state = 'S', params (int Tid, long Voluntary, long Involuntary)[] threads)
    {
        string dir = Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(dir, "task"));
        // Field 2 deliberately holds spaces and a ')' as real command names may.
        File.WriteAllText(Path.Combine(dir, "stat"),
            $"{pid} (odd) name) {state} {parent} {pid} {pid} 0 -1 4194304 0 0 0 0 {utime} {stime} 0 0 20 0 {Math.Max(1, threads.Length)} 0 {start} 123456 {rssPages} 18446744073709551615\n");
        foreach (var (tid, voluntary, involuntary) in threads)
        {
            string task = Path.Combine(dir, "task", tid.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(task);
            File.WriteAllText(Path.Combine(task, "status"),
                $"Name:\tx\nThreads:\t1\nvoluntary_ctxt_switches:\t{voluntary}\nnonvoluntary_ctxt_switches:\t{involuntary}\n");
        }
    }

    public void Remove(int pid) => Directory.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

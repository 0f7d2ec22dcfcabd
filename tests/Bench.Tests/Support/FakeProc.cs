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

    /// <summary>Writes /proc/stat with one line per CPU: user nice system idle iowait irq softirq steal, each in clock ticks.</summary>
    public void CpuStat(params (long User, long Nice, long System, long Idle, long IoWait, long Irq, long SoftIrq, long Steal)[] cpus)
    {
        var lines = cpus.Select((c, i) => $"cpu{i} {c.User} {c.Nice} {c.System} {c.Idle} {c.IoWait} {c.Irq} {c.SoftIrq} {c.Steal} 0 0");
        long Sum(Func<(long User, long Nice, long System, long Idle, long IoWait, long Irq, long SoftIrq, long Steal), long> f) => cpus.Sum(f);
        File.WriteAllText(Path.Combine(Root, "stat"), string.Create(CultureInfo.InvariantCulture,
            $"cpu  {Sum(c => c.User)} {Sum(c => c.Nice)} {Sum(c => c.System)} {Sum(c => c.Idle)} {Sum(c => c.IoWait)} {Sum(c => c.Irq)} {Sum(c => c.SoftIrq)} {Sum(c => c.Steal)} 0 0\n")
            + string.Join("\n", lines) + "\nintr 1 0 0\nctxt 958011\nbtime 1700000000\n");
    }

    public void Remove(int pid) => Directory.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

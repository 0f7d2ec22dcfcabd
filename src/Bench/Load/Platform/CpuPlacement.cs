using System.Runtime.InteropServices;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Platform;

/// <summary>
/// Where the generator runs. Process.ProcessorAffinity is not enough on Linux: it calls sched_setaffinity for the
/// main thread only (checked: the runtime's other threads keep every core), so pinning walks /proc/self/task.
/// </summary>
internal static unsafe class CpuPlacement
{
    private const int MaskWords = 16; // 1024 CPUs

    /// <summary>The CPUs this process may run on now, ascending.</summary>
    public static IReadOnlyList<int> Allowed()
    {
        ulong* mask = stackalloc ulong[MaskWords];
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
        }

        var cpus = new List<int>();
        for (int cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>The <paramref name="count"/> highest-numbered allowed CPUs (targets go on the low ones).</summary>
    public static IReadOnlyList<int> Highest(int count)
    {
        var allowed = Allowed();
        if (count < 1 || count > allowed.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"--cpus {count}: this process may use {allowed.Count} CPU(s) ({string.Join(',', allowed)})");
        }

        return allowed.Skip(allowed.Count - count).ToArray();
    }

    /// <summary>
    /// Pins every thread of the process to <paramref name="cpus"/>; threads created afterwards inherit the mask
    /// from their creator. Repeats while new threads appear during the walk.
    /// </summary>
    public static void PinProcess(IReadOnlyList<int> cpus)
    {
        var pinned = new HashSet<int>();
        for (int round = 0; round < 5; round++)
        {
            bool sawNew = false;
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(task), out int tid) && pinned.Add(tid))
                {
                    sawNew = true;
                    SetAffinity(tid, cpus, ignoreGoneThreads: true);
                }
            }

            if (!sawNew)
            {
                return;
            }
        }
    }

    public static void PinCurrentThread(int cpu) => SetAffinity(0, [cpu], ignoreGoneThreads: false);

    /// <summary>Asks for 1 ns timer slack on this thread instead of the default 50 µs, so timed sends wake on time.</summary>
    public static void PreciseTimers() => _ = Prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);

    private static void SetAffinity(int tid, IReadOnlyList<int> cpus, bool ignoreGoneThreads)
    {
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (int cpu in cpus)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        if (SchedSetAffinity(tid, MaskWords * sizeof(ulong), mask) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int ESRCH = 3;
            if (!(ignoreGoneThreads && errno == ESRCH))
            {
                throw new IOException($"sched_setaffinity({tid}, [{string.Join(',', cpus)}]) failed: errno {errno}");
            }
        }
    }
}

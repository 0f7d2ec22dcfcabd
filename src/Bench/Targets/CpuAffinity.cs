using System.ComponentModel;
using System.Runtime.InteropServices;
using Bench.Targets.Sampling;

namespace Bench.Targets;

/// <summary>
/// Reads and sets which cores a running process may use. Targets are pinned at launch (taskset, see
/// <see cref="TargetLaunchOptions.Cpus"/>); this pins a process that already runs, such as the generator itself.
/// </summary>
public static class CpuAffinity
{
    /// <summary>The cores the kernel lets <paramref name="pid"/>'s main thread use; null when the process is gone.</summary>
    public static CpuSet? Read(int pid, ProcFs? procFs = null)
    {
        string? status = (procFs ?? ProcFs.System).Status(pid);
        string? line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        return line is not null && CpuSet.TryParse(line["Cpus_allowed_list:".Length..], out var set) ? set : null;
    }

    /// <summary>
    /// Pins every thread of <paramref name="pid"/> (sched_setaffinity applies to one thread, and .NET's
    /// Process.ProcessorAffinity only to the main one); threads created later inherit from their creator.
    /// </summary>
    public static void Pin(int pid, CpuSet cores)
    {
        ulong[] mask = cores.Mask();
        foreach (int tid in ProcFs.System.Threads(pid))
        {
            if (NativeMethods.SchedSetAffinity(tid, (nuint)(mask.Length * sizeof(ulong)), mask) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                const int NoSuchProcess = 3; // ESRCH: the thread exited meanwhile
                if (errno != NoSuchProcess)
                {
                    throw new Win32Exception(errno, $"cannot pin thread {tid} of process {pid} to cores {cores}");
                }
            }
        }
    }

    public static void PinCurrentProcess(CpuSet cores) => Pin(Environment.ProcessId, cores);
}

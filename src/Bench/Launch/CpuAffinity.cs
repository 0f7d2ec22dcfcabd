using Bench.Launch.Sampling;

namespace Bench.Launch;

/// <summary>
/// Reads which cores a running process may use. Targets are pinned at launch (taskset, see
/// <see cref="TargetLaunchOptions.Cpus"/>); the generator pins itself (Load/Platform/CpuPlacement).
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
}

using Bench.Results;
using Bench.Launch;

namespace Bench.Queueing;

/// <summary>
/// The cores a target could use during the run: its pinned CPU list, or every core of the machine when not pinned —
/// and no more than its CPU quota, when it had one.
/// </summary>
public static class TargetCores
{
    public static double Of(RunInfo run)
    {
        double cores = run.Pinning.TargetCpus is { } list && CpuSet.TryParse(list, out var set) ? set.Cores.Count : Math.Max(1, run.Machine.Cores);
        return run.Pinning.TargetCpuQuota is { } quota ? Math.Min(cores, quota) : cores;
    }
}

using Bench.Results;
using Bench.Launch;

namespace Bench.Queueing;

/// <summary>
/// The cores a target could use during the run: its pinned CPU list, or every core of the machine when not pinned —
/// and no more than its CPU quota, when it had one. A scenario with its own placement is read from that, not the run's.
/// </summary>
public static class TargetCores
{
    public static double Of(RunInfo run) => Of(run, run.Pinning.TargetCpus, run.Pinning.TargetCpuQuota);

    /// <summary>The cores of <paramref name="scenario"/>'s targets: its own placement when it had one, else the run's.</summary>
    public static double Of(RunInfo run, ScenarioDefinition scenario) =>
        scenario.Placement is { } own ? Of(run, own.TargetCpus, own.TargetCpuQuota) : Of(run);

    private static double Of(RunInfo run, string? cpus, double? quota)
    {
        double cores = cpus is { } list && CpuSet.TryParse(list, out var set) ? set.Cores.Count : Math.Max(1, run.Machine.Cores);
        return quota is { } q ? Math.Min(cores, q) : cores;
    }
}

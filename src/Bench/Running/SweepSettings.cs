using Bench.Launch;
using Bench.Launch.Cgroups;

namespace Bench.Running;

/// <summary>How a sweep places and treats its processes. Defaults: targets on core 0, the generator on the highest core.</summary>
public sealed record SweepSettings
{
    /// <summary>Cores the targets are pinned to; null leaves them unpinned (a one-core machine).</summary>
    public CpuSet? TargetCpus { get; init; }

    /// <summary>How many of the highest-numbered cores the generator is pinned to; null leaves it unpinned.</summary>
    public int? GeneratorCpus { get; init; }

    /// <summary>CPU quota of each target in cores (a cgroup, v1 or v2, for a process; the container's); null for none.</summary>
    public double? TargetCpuQuota { get; init; }

    /// <summary>Why the targets run without a CPU quota, in one line (the host's reason, or the option that turned it off); null with one.</summary>
    public string? NoQuotaReason { get; init; }

    /// <summary>Memory limit of every target in bytes (a cgroup, v1 or v2, for a process; the container's for a docker target); null for none.</summary>
    public long? TargetMemoryLimit { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TargetLaunchOptions.DefaultReadyTimeout;

    /// <summary>How long a target may take to answer /hello after a level before it is restarted for the next one.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Grace between SIGTERM and a kill when a target is stopped.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The default target quota: half a core, so one generator core can always out-ask a fast target.</summary>
    public const double DefaultTargetCpuQuota = 0.5;

    /// <summary>
    /// Target on core 0 under half a core's quota (where cgroups allow it: <paramref name="cpu"/>, else its reason is
    /// kept), generator on the others — when there are at least two cores.
    /// </summary>
    public static SweepSettings ForMachine(int cores, CgroupAccess cpu) => cores >= 2
        ? new SweepSettings
        {
            TargetCpus = CpuSet.Of(0),
            GeneratorCpus = cores - 1,
            TargetCpuQuota = cpu.IsAvailable ? DefaultTargetCpuQuota : null,
            NoQuotaReason = cpu.Reason,
        }
        : new SweepSettings { NoQuotaReason = "one core: nothing to pin or to leave for the generator" };

    /// <summary><see cref="ForMachine(int, CgroupAccess)"/> on this host's cgroups.</summary>
    public static SweepSettings ForMachine(int cores) => ForMachine(cores, CgroupHost.System.Cpu);
}

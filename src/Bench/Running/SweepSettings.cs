using System.Globalization;
using Bench.Launch;
using Bench.Launch.Cgroups;
using Bench.Results;
using Bench.Scenarios;

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

    /// <summary>`--no-pin`: nothing is pinned or limited, scenarios' own placements included.</summary>
    public bool NoPin { get; init; }

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

    /// <summary>
    /// The settings <paramref name="scenario"/>'s targets run under: the run's, with what the scenario's placement
    /// says in their place (its lesson depends on it, so it wins over --target-cpus and --target-quota); --no-pin
    /// ignores it. The generator stays where the run put it.
    /// </summary>
    public SweepSettings For(Scenario scenario) => NoPin || scenario.Placement is not { } placement ? this : this with
    {
        TargetCpus = placement.TargetCpus ?? TargetCpus,
        TargetCpuQuota = placement.SetsQuota ? placement.TargetCpuQuota : TargetCpuQuota,
        NoQuotaReason = placement.SetsQuota ? (placement.TargetCpuQuota is null ? $"scenario {scenario.Name}: targetQuota: none" : null) : NoQuotaReason,
    };

    /// <summary>The effective placement of a scenario that overrides the run's, as results.json records it; null when it runs where the run puts targets.</summary>
    public PlacementDefinition? PlacementOf(Scenario scenario)
    {
        if (NoPin || scenario.Placement is null)
        {
            return null;
        }

        var own = For(scenario);
        return new PlacementDefinition(own.TargetCpus?.ToString(), own.TargetCpuQuota);
    }

    /// <summary>The line `bench run` prints for a scenario whose placement is not the run's (or is ignored under --no-pin); null otherwise.</summary>
    public string? PlacementNote(Scenario scenario)
    {
        if (scenario.Placement is null)
        {
            return null;
        }

        if (NoPin)
        {
            return $"scenario {scenario.Name}: its placement is ignored under --no-pin (every target unpinned, no quota)";
        }

        var own = For(scenario);
        return $"scenario {scenario.Name}: targets on {Describe(own)} (the run's: {Describe(this)}); the generator stays on cores {GeneratorText}";
    }

    private string GeneratorText => GeneratorCpus is { } n ? string.Join(',', Bench.Load.Platform.CpuPlacement.Highest(n)) : "any";

    private static string Describe(SweepSettings settings) =>
        $"cores {settings.TargetCpus?.ToString() ?? "any"}, {(settings.TargetCpuQuota is { } q ? $"quota {q.ToString("0.##", CultureInfo.InvariantCulture)} core" : "no quota")}";
}

namespace Bench.Results;

/// <summary>Where, with what and when a run was made: what a reader needs before trusting or comparing its numbers.</summary>
public sealed record RunInfo(
    MachineInfo Machine,
    string Os,
    string DotnetVersion,
    string BenchCommit,
    PinningInfo Pinning,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>Where the load came from when agents made it; null for a run on one machine.</summary>
    public ClusterInfo? Cluster { get; init; }
}

/// <summary>Cores online and the CPU model (/proc/cpuinfo).</summary>
public sealed record MachineInfo(int Cores, string CpuModel);

/// <summary>The cores the targets and the load generator were pinned to (kernel list syntax, e.g. "0" or "1-3"); null when not pinned.</summary>
public sealed record PinningInfo(string? TargetCpus, string? GeneratorCpus)
{
    /// <summary>The targets' CPU quota in cores (cgroup CFS), null when none was set.</summary>
    public double? TargetCpuQuota { get; init; }

    /// <summary>Why the targets ran without a CPU quota (the host's one-line reason, or the option that turned it off); null when they had one.</summary>
    public string? NoQuotaReason { get; init; }

    /// <summary>The cgroup hierarchy that held the process targets' quota and memory limit: "v1", "v2" or "v1+v2"; null when neither was set.</summary>
    public string? Cgroup { get; init; }

    /// <summary>The memory limit `bench run --target-memory` set for every target, in bytes; null when none was (containers keep their catalogue limit).</summary>
    public long? TargetMemoryLimitBytes { get; init; }
}

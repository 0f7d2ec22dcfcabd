namespace Bench.Launch;

/// <summary>How <see cref="TargetProcess.StartAsync(TargetDefinition, TargetLaunchOptions, CancellationToken)"/> launches a target.</summary>
public sealed record TargetLaunchOptions
{
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long the target may take to become ready before it is killed and reported.</summary>
    public TimeSpan ReadyTimeout { get; init; } = DefaultReadyTimeout;

    /// <summary>
    /// Cores the target (and every thread and child it starts) runs on, via <c>taskset -c</c>; null leaves it
    /// unpinned. The sweep pins targets to core 0 and the generator to the other cores (design.md, "Measuring fairly").
    /// </summary>
    public CpuSet? Cpus { get; init; }

    /// <summary>A CPU quota in cores (0.5 = half a core) for the target's processes; null for none.</summary>
    public double? CpuQuota { get; init; }

    /// <summary>
    /// A memory limit in bytes for the target (a memory cgroup for a process, the container's limit for a docker target,
    /// where it overrides the catalogue's); null for none (a docker target keeps its catalogue limit).
    /// </summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>
    /// How long a request head may take before the target closes the connection, for entries that name
    /// {header_timeout}; the contract's 10 s unless a test asks for less.
    /// </summary>
    public TimeSpan HeaderTimeout { get; init; } = LaunchValues.DefaultHeaderTimeout;

    /// <summary>By name, the ports of the running dependencies the target needs (filled into <c>{redis_port}</c> and the like).</summary>
    public IReadOnlyDictionary<string, int> DependencyPorts { get; init; } = new Dictionary<string, int>();

    /// <summary>Pause between attempts of an HTTP readiness probe.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}

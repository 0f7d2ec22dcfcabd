namespace Bench.Launch.Docker;

/// <summary>
/// What makes a target a container (targets.yaml, <c>kind: docker</c>): the image it runs, its memory limit, and the
/// cores it may use when they differ from the sweep's target cores.
/// </summary>
public sealed record ContainerSpec(ImageRecipe Image)
{
    /// <summary>Enough for every Bench.Targets model at 256 connections, with room to spare.</summary>
    public const long DefaultMemoryBytes = 512L << 20;

    /// <summary>The engine refuses less.</summary>
    public const long MinimumMemoryBytes = 6L << 20;

    public long MemoryBytes { get; init; } = DefaultMemoryBytes;

    /// <summary>Cores for the container; null means the sweep's target cores, the same as every process target.</summary>
    public CpuSet? Cpus { get; init; }
}

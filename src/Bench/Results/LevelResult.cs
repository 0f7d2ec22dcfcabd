namespace Bench.Results;

/// <summary>
/// One measured level: a target at one level in one repeat. Counts and latencies cover the measured window
/// only (not the warm-up). An invalid level (generator saturated, rate not reached, target died) keeps its
/// numbers but says why they must not be trusted.
/// </summary>
public sealed record LevelResult(
    string Target,
    int Level,
    int Repeat,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    long Requests,
    double ThroughputRps,
    LatencySummary LatencyMs,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyList<SecondSample> PerSecond,
    ResourceResult Resources,
    GeneratorResult Generator,
    int? TargetExitCode,
    bool Valid,
    string? InvalidReason,
    string? Histogram)
{
    /// <summary>Requests unanswered at the end that had waited less than the timeout: not errors, but never hidden.</summary>
    public long InFlight { get; init; }

    /// <summary>True when the target was killed for exceeding its memory limit during the level (a container's OOM kill).</summary>
    public bool TargetOomKilled { get; init; }

    /// <summary>What steal and other processes took from the measured cores over the window; null when not measured.</summary>
    public Targets.Sampling.Interference? Interference { get; init; }
}

/// <summary>Latency in milliseconds, from the level's histogram.</summary>
public sealed record LatencySummary(double Mean, double Stdev, double P50, double P75, double P90, double P99, double P999, double P9999, double Max)
{
    public static LatencySummary Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One second of the measured window: responses completed, errors, and the 99th percentile of that second.</summary>
public sealed record SecondSample(int Second, long Completed, long Errors, double P99Ms);

/// <summary>The load generator's own CPU during the level (the sampler's left out), and whether its cores were saturated (then the level is invalid).</summary>
public sealed record GeneratorResult(double CpuSeconds, bool Saturated)
{
    /// <summary>CPU Bench spent reading /proc for the target's usage and the interference: not in <see cref="CpuSeconds"/>.</summary>
    public double SamplerCpuSeconds { get; init; }
}

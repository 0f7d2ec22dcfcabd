namespace Bench.Results;

/// <summary>
/// One measured level: a target at one level in one repeat. Counts and latencies cover the measured window
/// only (not the warm-up). A request counts when it succeeded (the expected status and body): <see cref="Requests"/>,
/// <see cref="ThroughputRps"/> and <see cref="LatencyMs"/> are the successes'; every other outcome is an error, with
/// its own latency record. An invalid level (generator saturated, rate not reached, target died) keeps its numbers
/// but says why they must not be trusted.
/// </summary>
/// <param name="Requests">Successful responses in the window.</param>
/// <param name="ThroughputRps">Successful responses per second of the window.</param>
/// <param name="LatencyMs">The successes' latency; null when the level had no successful response (there is no latency of nothing).</param>
/// <param name="Histogram">The successes' HDR histogram (µs), base64; null when there was no success.</param>
public sealed record LevelResult(
    string Target,
    int Level,
    int Repeat,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    long Requests,
    double ThroughputRps,
    LatencySummary? LatencyMs,
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

    /// <summary>How long the failures took until they were known (error responses, timeouts, resets, refusals); null when none had a time.</summary>
    public LatencySummary? FailureLatencyMs { get; init; }

    /// <summary>The failures' HDR histogram (µs), base64; null when there was none.</summary>
    public string? FailureHistogram { get; init; }

    /// <summary>Closed model: connections that received no response in the window; null for the open model.</summary>
    public int? StarvedConnections { get; init; }

    /// <summary>Closed model: Jain's fairness index over the responses each connection received (1 = even); null for the open model or when none received any.</summary>
    public double? Fairness { get; init; }

    /// <summary>The window's responses by the X-Cache-Status a cache in front of the target added; null when none carried it.</summary>
    public CacheResult? Cache { get; init; }

    /// <summary>What steal and other processes took from the measured cores over the window; null when not measured.</summary>
    public Launch.Sampling.Interference? Interference { get; init; }

    /// <summary>Bytes the code-first steps reported (Bench.Sdk's <c>sizeBytes</c>), successes and failures; null for the engine's levels.</summary>
    public long? Bytes { get; init; }

    /// <summary>An open-model level's schedule (the engine's or Bench.Sdk's): due, started, late; null for the closed model.</summary>
    public ScheduleResult? Open { get; init; }

    /// <summary>
    /// A simul's predicted total for this target (seconds, scaled, <see cref="Queueing.SimulPrediction"/>): what
    /// <see cref="DurationSeconds"/> — the whole game, from the first move to the last — is held against; null elsewhere.
    /// </summary>
    public double? PredictedSeconds { get; init; }

    /// <summary>
    /// For a proxy in front of replicas, each component's resources (proxy, replica 1…N); <see cref="Resources"/> is
    /// their total. Null for a target that is one program.
    /// </summary>
    public IReadOnlyList<ComponentResult>? Components { get; init; }

    /// <summary>A level carried by load agents: each one's part (merged into this level's numbers); null when this machine's engine ran it.</summary>
    public IReadOnlyList<Load.GeneratorPart>? Agents { get; init; }

    /// <summary>The scenario's background streams in this level, in its order; empty when it has none.</summary>
    public IReadOnlyList<BackgroundResult> Background { get; init; } = [];
}

/// <summary>Latency in milliseconds, from a level's histogram.</summary>
public sealed record LatencySummary(double Mean, double Stdev, double P50, double P75, double P90, double P99, double P999, double P9999, double Max)
{
    public static LatencySummary? From(Load.LatencySummary? latency) => latency is null
        ? null
        : new(latency.MeanMs, latency.StdevMs, latency.P50Ms, latency.P75Ms, latency.P90Ms, latency.P99Ms, latency.P999Ms, latency.P9999Ms, latency.MaxMs);
}

/// <summary>One second of the measured window: successful responses, errors, and the successes' 99th percentile in that second (0 when none).</summary>
public sealed record SecondSample(int Second, long Completed, long Errors, double P99Ms);

/// <summary>The load generator's own CPU during the level (the sampler's left out), and whether its cores were saturated (then the level is invalid).</summary>
public sealed record GeneratorResult(double CpuSeconds, bool Saturated)
{
    /// <summary>CPU Bench spent reading /proc for the target's usage and the interference: not in <see cref="CpuSeconds"/>.</summary>
    public double SamplerCpuSeconds { get; init; }
}

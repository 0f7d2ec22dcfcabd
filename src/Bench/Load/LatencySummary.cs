namespace Bench.Load;

/// <summary>Latency statistics of a run, in milliseconds, read from its HDR histogram.</summary>
public sealed record LatencySummary(
    long Count,
    double MeanMs,
    double StdevMs,
    double P50Ms,
    double P75Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double P9999Ms,
    double MaxMs);

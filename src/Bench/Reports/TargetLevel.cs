using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// One target at one level with its repeats combined. Numbers are the median of the trustworthy repeats (all of
/// them when none is), as summary.md counts them; a repeat is untrustworthy when it is invalid or its generator
/// saturated, and then the level is flagged with the reasons.
/// </summary>
public sealed record TargetLevel(string Target, int Level, IReadOnlyList<LevelResult> Repeats)
{
    public const string SaturatedReason = "the generator's core was saturated";

    /// <summary>At least one repeat can be trusted: its numbers go into charts and the model.</summary>
    public bool Trusted => Repeats.Any(IsTrusted);

    /// <summary>Why any repeat must not be trusted, one reason per such repeat; empty when every repeat is fine.</summary>
    public IReadOnlyList<string> Problems => Repeats.Where(r => !IsTrusted(r)).Select(r =>
        (Repeats.Count > 1 ? $"repeat {r.Repeat}: " : "") + (r.InvalidReason ?? (r.Generator.Saturated ? SaturatedReason : "invalid"))).ToArray();

    /// <summary>At least one response succeeded: without one there is no latency and no cost per request to show.</summary>
    public bool Answered => Counted.Any(r => r.Requests > 0);

    public IReadOnlyList<LevelResult> Counted => Trusted ? Repeats.Where(IsTrusted).ToArray() : Repeats;

    public double ThroughputRps => Median(r => r.ThroughputRps);

    /// <summary>The successes' latency (ms); null when no counted repeat had a successful response.</summary>
    public double? MeanMs => MedianOf(r => r.LatencyMs?.Mean);

    public double? P50Ms => MedianOf(r => r.LatencyMs?.P50);

    public double? P99Ms => MedianOf(r => r.LatencyMs?.P99);

    public double? P999Ms => MedianOf(r => r.LatencyMs?.P999);

    /// <summary>CPU per successful response; null when there was none.</summary>
    public double? CpuMsPerRequest => MedianOf(r => r.Resources.CpuMsPerRequest);

    /// <summary>How long the failures took (median over repeats of their p50 and p99); null when none had a time.</summary>
    public double? FailureP50Ms => MedianOf(r => r.FailureLatencyMs?.P50);

    public double? FailureP99Ms => MedianOf(r => r.FailureLatencyMs?.P99);

    /// <summary>Closed model: connections that received nothing in the window (median over repeats); null for the open model.</summary>
    public double? StarvedConnections => MedianOf(r => r.StarvedConnections);

    /// <summary>Closed model: Jain's index over the connections' responses (median over repeats); null when not measured.</summary>
    public double? Fairness => MedianOf(r => r.Fairness);

    public double PeakRssMiB => Median(r => r.Resources.PeakRssBytes) / (1024 * 1024);

    /// <summary>The most OS threads the target had during the window (median over repeats).</summary>
    public double MaxThreads => Median(r => r.Resources.MaxThreads);

    /// <summary>The target's context switches, voluntary and involuntary, per successful response; null when there was none.</summary>
    public double? ContextSwitchesPerRequest =>
        MedianOf(r => r.Requests > 0 ? (double)(r.Resources.VoluntaryContextSwitches + r.Resources.InvoluntaryContextSwitches) / r.Requests : null);

    public long Errors => Counted.Sum(r => r.ErrorCount);

    /// <summary>"noisy: …" when the machine took more than the threshold of the measured cores during a counted repeat; else null.</summary>
    public string? NoiseNote => Launch.Sampling.Interference.NoteFor(Counted.Select(r => r.Interference));

    /// <summary>Requests still unanswered at the end of the counted windows that had not yet timed out: not errors, but shown.</summary>
    public long InFlight => Counted.Sum(r => r.InFlight);

    /// <summary>Errors as a share of everything answered or failed in the counted repeats (0–1); 0 when nothing ended.</summary>
    public double ErrorRate => Results.Repeats.ErrorRate(Counted) ?? 0;

    public static bool IsTrusted(LevelResult result) => result.Valid && !result.Generator.Saturated;

    private double Median(Func<LevelResult, double> value) => MedianOf(r => value(r)) ?? 0;

    private double? MedianOf(Func<LevelResult, double?> value) => Results.Repeats.Median(Counted, value);
}

using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Load;

/// <summary>
/// Everything one run measured. A request counts when it succeeded (expected status and body); every other outcome
/// is an error. <see cref="Histogram"/> holds the successes' latencies in microseconds, <see cref="FailureHistogram"/>
/// how long the failures took (error responses, timeouts, resets, refusals), so a report can recompute any
/// percentile of either; <see cref="EncodeHistogram"/> gives one as base64 of HdrHistogram's compressed encoding.
/// </summary>
/// <param name="Requests">Successful responses in the measured window (the open model: intended in it, answered by the drain's end).</param>
/// <param name="Responses">Complete responses whatever their status or body (wrk's "requests"): successes and error responses.</param>
/// <param name="ThroughputRps">Successful requests per second of the measured window.</param>
/// <param name="Latency">The successes' latency; null when there was none.</param>
/// <param name="FailureLatency">How long the failures took until they were known; null when there was none (or none had a time).</param>
/// <param name="ErrorCount">The sum of <see cref="Errors"/>.</param>
/// <param name="Errors">Errors by kind (<see cref="ErrorKinds"/>); unexpected statuses per code.</param>
/// <param name="StatusCodes">Every response by status code.</param>
/// <param name="InFlight">Requests still unanswered at the end that had waited less than the timeout (an interrupted run; the closed model's last requests).</param>
/// <param name="Fairness">Closed model: starved connections and Jain's index over the connections; null for the open model.</param>
/// <param name="Cache">The window's responses by X-Cache-Status (a cache in front of the target); null when none carried it.</param>
public sealed record LoadResult(
    LoadOptions Options,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    StopReason StopReason,
    long Requests,
    long Responses,
    double ThroughputRps,
    LatencySummary? Latency,
    HistogramBase Histogram,
    LatencySummary? FailureLatency,
    HistogramBase FailureHistogram,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<int, long> StatusCodes,
    long InFlight,
    IReadOnlyList<SecondSample> Series,
    GeneratorUsage Generator,
    OpenModelResult? Open,
    ConnectionFairness? Fairness,
    CacheCounts? Cache = null)
{
    /// <summary>Requests that ended in the window, successes and errors: what the generator attempted and saw end.</summary>
    public long Attempts => Requests + ErrorCount;

    /// <summary>Errors ÷ (successes + errors); 0 when nothing ended.</summary>
    public double ErrorRate => Attempts == 0 ? 0 : (double)ErrorCount / Attempts;

    /// <summary>A run with no error, the generator not saturated and (open) its rate reached.</summary>
    public bool Clean => ErrorCount == 0 && !Generator.Saturated && Open is not { RateReached: false };

    /// <summary>
    /// Each second's latency histogram (2 significant digits), parallel to <see cref="Series"/>: what merging the series
    /// of several load agents needs, since their p99s cannot be merged.
    /// </summary>
    public IReadOnlyList<HistogramBase> SecondLatencies { get; init; } = [];

    /// <summary>Closed model: the responses each connection received in the window (what <see cref="Fairness"/> is computed from); empty for the open model.</summary>
    public IReadOnlyList<long> ConnectionResponses { get; init; } = [];

    /// <summary>
    /// How long after its planned instant the measured window really opened: the latest event loop to see it open (a
    /// busy host wakes its threads late). What load agents' windows are compared by.
    /// </summary>
    public TimeSpan WindowOpenedLate { get; init; }

    /// <summary>A cluster run: each load agent's part of this result; empty when one local engine measured it.</summary>
    public IReadOnlyList<GeneratorPart> Parts { get; init; } = [];

    /// <summary>What makes the generators' measurement untrustworthy beyond saturation (an agent lost, agents' windows apart).</summary>
    public IReadOnlyList<string> GeneratorProblems { get; init; } = [];

    /// <summary>
    /// A result from what was counted, with the derived numbers computed here only: throughput (successes per second of
    /// the window), both latency summaries, the error count (the sum of the errors by kind) and, for the closed model,
    /// the fairness over the connections. The engine's workers, an agent's report and a merge of agents' parts all
    /// come through here, so one counting rule holds for all three.
    /// </summary>
    public static LoadResult FromCounts(
        LoadOptions options,
        DateTimeOffset startedAt,
        TimeSpan duration,
        StopReason stopReason,
        long requests,
        long responses,
        HistogramBase histogram,
        HistogramBase failureHistogram,
        IReadOnlyDictionary<string, long> errors,
        IReadOnlyDictionary<int, long> statusCodes,
        long inFlight,
        IReadOnlyList<SecondSample> series,
        IReadOnlyList<HistogramBase> secondLatencies,
        GeneratorUsage generator,
        OpenModelResult? open,
        IReadOnlyList<long> connectionResponses,
        CacheCounts? cache) =>
        new(
            options,
            startedAt,
            duration,
            stopReason,
            requests,
            responses,
            duration > TimeSpan.Zero ? requests / duration.TotalSeconds : 0,
            LatencyHistogram.Summarize(histogram),
            histogram,
            LatencyHistogram.Summarize(failureHistogram),
            failureHistogram,
            errors.Values.Sum(),
            errors,
            statusCodes,
            inFlight,
            series,
            generator,
            open,
            options.Model == LoadModel.Closed ? ConnectionFairness.Of([.. connectionResponses]) : null,
            cache)
        {
            SecondLatencies = secondLatencies,
            ConnectionResponses = connectionResponses,
        };

    public static string EncodeHistogram(HistogramBase histogram) => LatencyHistogram.ToBase64(histogram);

    public string EncodeHistogram() => LatencyHistogram.ToBase64(Histogram);
}

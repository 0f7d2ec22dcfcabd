using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Load;

/// <summary>
/// Everything one run measured. <see cref="Histogram"/> is the merged HDR histogram of latencies in microseconds
/// (responses, plus timeouts with the time they waited), so a report can recompute any percentile;
/// <see cref="EncodeHistogram"/> gives it as base64 of HdrHistogram's compressed encoding.
/// </summary>
/// <param name="Requests">Responses received in the measured window, whatever their status (wrk's "requests").</param>
/// <param name="Succeeded">Responses with the expected status (and body, when one is expected).</param>
/// <param name="ThroughputRps">Requests per second of the measured window.</param>
/// <param name="ErrorCount">The sum of <see cref="Errors"/>.</param>
/// <param name="Errors">Errors by kind (<see cref="ErrorKinds"/>); unexpected statuses per code.</param>
/// <param name="StatusCodes">Every response by status code.</param>
/// <param name="InFlight">Requests still unanswered at the end that had waited less than the timeout.</param>
public sealed record LoadResult(
    LoadOptions Options,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    StopReason StopReason,
    long Requests,
    long Succeeded,
    double ThroughputRps,
    LatencySummary Latency,
    HistogramBase Histogram,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<int, long> StatusCodes,
    long InFlight,
    IReadOnlyList<SecondSample> Series,
    GeneratorUsage Generator,
    OpenModelResult? Open)
{
    /// <summary>A run with no error, the generator not saturated and (open) its rate reached.</summary>
    public bool Clean => ErrorCount == 0 && !Generator.Saturated && Open is not { RateReached: false };

    public string EncodeHistogram() => LatencyHistogram.ToBase64(Histogram);
}

using Bench.Load;
using Bench.Load.Measurement;

namespace Bench.Cluster;

/// <summary>
/// One agent's share of a level as it travels back: the raw HDR histograms (HdrHistogram's compressed encoding, base64),
/// each second's histogram, counters, errors by kind, its connections' responses and its own CPU — never percentiles,
/// which cannot be merged. <see cref="ToResult"/> rebuilds the <see cref="LoadResult"/> the agent measured, for
/// <see cref="LoadMerge"/>.
/// </summary>
public sealed record AgentReport(
    DateTimeOffset StartedAt,
    DateTimeOffset WindowStartedAt,
    double DurationSeconds,
    StopReason StopReason,
    long Requests,
    long Responses,
    string Histogram,
    string FailureHistogram,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<int, long> StatusCodes,
    long InFlight,
    IReadOnlyList<AgentSecond> Series,
    GeneratorUsage Generator,
    OpenModelResult? Open,
    IReadOnlyList<long> ConnectionResponses,
    CacheCounts? Cache)
{
    public static AgentReport From(LoadResult result) => new(
        result.StartedAt,
        result.StartedAt + result.Options.Warmup + result.WindowOpenedLate,
        result.Duration.TotalSeconds,
        result.StopReason,
        result.Requests,
        result.Responses,
        LatencyHistogram.ToBase64(result.Histogram),
        LatencyHistogram.ToBase64(result.FailureHistogram),
        result.Errors,
        result.StatusCodes,
        result.InFlight,
        result.Series.Select((s, i) => new AgentSecond(s.Completed, s.Errors, i < result.SecondLatencies.Count ? LatencyHistogram.ToBase64(result.SecondLatencies[i]) : null)).ToArray(),
        result.Generator,
        result.Open,
        result.ConnectionResponses,
        result.Cache);

    /// <summary>The agent's own result, with <paramref name="share"/> (the options it ran) as its options.</summary>
    public LoadResult ToResult(LoadOptions share)
    {
        var seconds = Series.Select(s => s.Latency is null ? LatencyHistogram.Create(2) : LatencyHistogram.FromBase64(s.Latency)).ToArray();
        return LoadResult.FromCounts(
            share,
            StartedAt,
            TimeSpan.FromSeconds(DurationSeconds),
            StopReason,
            Requests,
            Responses,
            LatencyHistogram.FromBase64(Histogram),
            LatencyHistogram.FromBase64(FailureHistogram),
            Errors,
            StatusCodes,
            InFlight,
            Series.Select((s, i) => SecondSample.Of(i, s.Completed, s.Errors, seconds[i])).ToArray(),
            seconds,
            Generator,
            Open,
            ConnectionResponses,
            Cache);
    }
}

using Bench.Load;
using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Cluster;

/// <summary>
/// One level's result from the parts several load agents measured: histograms are added bucket by bucket (exact, as the
/// engine merges its own workers), counters summed, each second's latencies merged before its p99 is read, and the
/// fairness index recomputed over every connection. Percentiles are never averaged. A part whose generator was
/// saturated, or whose open-model rate was not reached, makes the whole so.
/// </summary>
public static class LoadMerge
{
    public static LoadResult Merge(LoadOptions whole, IReadOnlyList<LoadResult> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        var seconds = LatencyHistogram.MergeSeconds(parts.Select(p => p.SecondLatencies).ToArray());
        return LoadResult.FromCounts(
            whole,
            parts.Min(p => p.StartedAt),
            parts.Max(p => p.Duration),
            parts.Any(p => p.StopReason == StopReason.Cancelled) ? StopReason.Cancelled
                : parts.All(p => p.StopReason == StopReason.IterationsDone) ? StopReason.IterationsDone : StopReason.DurationElapsed,
            parts.Sum(p => p.Requests),
            parts.Sum(p => p.Responses),
            LatencyHistogram.Merge(parts.Select(p => p.Histogram)),
            LatencyHistogram.Merge(parts.Select(p => p.FailureHistogram)),
            Sum(parts.Select(p => p.Errors), StringComparer.Ordinal),
            Sum(parts.Select(p => p.StatusCodes), Comparer<int>.Default),
            parts.Sum(p => p.InFlight),
            Series(parts, seconds),
            seconds,
            Generator(parts),
            parts.All(p => p.Open is null) ? null : Open(parts.Select(p => p.Open).OfType<OpenModelResult>().ToArray()),
            parts.SelectMany(p => p.ConnectionResponses).ToArray(),
            parts.All(p => p.Cache is null) ? null : CacheCounts.Of(parts.Sum(p => p.Cache?.Hits ?? 0), parts.Sum(p => p.Cache?.Misses ?? 0), parts.Sum(p => p.Cache?.Other ?? 0)));
    }

    private static SortedDictionary<TKey, long> Sum<TKey>(IEnumerable<IReadOnlyDictionary<TKey, long>> counts, IComparer<TKey> order)
        where TKey : notnull
    {
        var sum = new SortedDictionary<TKey, long>(order);
        foreach (var (key, count) in counts.SelectMany(c => c))
        {
            sum[key] = sum.GetValueOrDefault(key) + count;
        }

        return sum;
    }

    private static List<SecondSample> Series(IReadOnlyList<LoadResult> parts, List<HistogramBase> latencies)
    {
        int seconds = Math.Max(latencies.Count, parts.Max(p => p.Series.Count));
        var series = new List<SecondSample>(seconds);
        for (int s = 0; s < seconds; s++)
        {
            var samples = parts.Where(p => p.Series.Count > s).Select(p => p.Series[s]).ToArray();
            series.Add(SecondSample.Of(s, samples.Sum(x => x.Completed), samples.Sum(x => x.Errors), s < latencies.Count ? latencies[s] : LatencyHistogram.Create(2)));
        }

        return series;
    }

    /// <summary>
    /// The generators together: CPU and workers add up; utilisation is the busiest agent's, since one saturated agent
    /// is enough to make the level describe the generator rather than the target.
    /// </summary>
    private static GeneratorUsage Generator(IReadOnlyList<LoadResult> parts)
    {
        double cpu = parts.Sum(p => p.Generator.CpuSeconds);
        long attempts = parts.Sum(p => p.Attempts);
        return new GeneratorUsage(
            parts.Sum(p => p.Generator.Workers),
            [],
            cpu,
            parts.Sum(p => p.Generator.WorkerCpuSeconds),
            parts.Max(p => p.Generator.Utilisation),
            attempts > 0 ? cpu * 1e6 / attempts : 0,
            parts.Sum(p => p.Generator.WorkerAllocatedBytes),
            parts.Any(p => p.Generator.Saturated));
    }

    private static OpenModelResult Open(IReadOnlyList<OpenModelResult> parts) => new(
        parts.Sum(p => p.TargetRps),
        parts.Sum(p => p.Scheduled),
        parts.Sum(p => p.Sent),
        parts.Sum(p => p.Late),
        parts.Sum(p => p.Unsent),
        parts.All(p => p.RateReached),
        parts.Sum(p => p.PeakConnections));
}

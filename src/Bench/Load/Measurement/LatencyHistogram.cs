using HdrHistogram.Utilities;
using HdrHistogram;

namespace Bench.Load.Measurement;

/// <summary>
/// The engine's HDR histograms: latencies in microseconds from 1 µs to one hour at 3 significant digits (per-second
/// series use 2), merged across workers, summarised in milliseconds, and encoded with HdrHistogram's compressed
/// format so a report can recompute percentiles later. The ceiling is the longest timeout a run may set
/// (<see cref="LoadOptions.MaxTimeout"/>), so no value a timeout can produce is clamped below it.
/// </summary>
public static class LatencyHistogram
{
    public const long LowestMicros = 1;
    public const long HighestMicros = 3_600_000_000;

    public static LongHistogram Create(int significantDigits = 3) => new(LowestMicros, HighestMicros, significantDigits);

    /// <summary>Records a latency, clamped into the histogram's range (only an open-model backlog longer than an hour reaches the ceiling).</summary>
    public static void Record(HistogramBase histogram, long micros) => histogram.RecordValue(Math.Clamp(micros, LowestMicros, HighestMicros));

    public static LongHistogram Merge(IEnumerable<HistogramBase> parts, int significantDigits = 3)
    {
        var merged = Create(significantDigits);
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        return merged;
    }

    /// <summary>
    /// Per-second histograms of several parts (workers, agents) merged second by second: second s of the result holds
    /// every part's second s; a part with fewer seconds adds nothing to the later ones. Two significant digits, as the
    /// per-second histograms are recorded.
    /// </summary>
    public static List<HistogramBase> MergeSeconds(IReadOnlyList<IReadOnlyList<HistogramBase>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        int seconds = parts.Count == 0 ? 0 : parts.Max(p => p.Count);
        var merged = new List<HistogramBase>(seconds);
        for (int s = 0; s < seconds; s++)
        {
            merged.Add(Merge(parts.Where(p => p.Count > s).Select(p => p[s]), significantDigits: 2));
        }

        return merged;
    }

    /// <summary>
    /// A copy "corrected for coordinated omission" after the fact, the way wrk prints its latency and HdrHistogram's
    /// copyCorrectedForCoordinatedOmission works: every value v adds values v − i, v − 2i, … down to i, as if a
    /// request had been due every <paramref name="expectedIntervalMicros"/>. For comparing with wrk only: the open
    /// model measures from intended send times instead, with real requests rather than synthetic samples.
    /// </summary>
    public static LongHistogram CorrectedForOmission(HistogramBase source, long expectedIntervalMicros)
    {
        var corrected = Create();
        foreach (var bucket in source.RecordedValues())
        {
            long value = bucket.ValueIteratedTo;
            long count = bucket.CountAtValueIteratedTo;
            corrected.RecordValueWithCount(Math.Clamp(value, LowestMicros, HighestMicros), count);
            for (long missing = value - expectedIntervalMicros; expectedIntervalMicros > 0 && missing >= expectedIntervalMicros; missing -= expectedIntervalMicros)
            {
                corrected.RecordValueWithCount(missing, count);
            }
        }

        return corrected;
    }

    /// <summary>The histogram's statistics in milliseconds; null when it holds no value (there is no latency of nothing).</summary>
    public static LatencySummary? Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        double Ms(double micros) => micros / 1000.0;
        double At(double percentile) => Ms(histogram.GetValueAtPercentile(percentile));
        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetMean()),
            Ms(histogram.GetStdDeviation()),
            At(50),
            At(75),
            At(90),
            At(99),
            At(99.9),
            At(99.99),
            Ms(histogram.GetMaxValue()));
    }

    public static string ToBase64(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var bytes = new byte[histogram.EncodeIntoCompressedByteBuffer(buffer)];
        buffer.Position = 0; // ByteBuffer exposes its bytes only one by one
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    public static HistogramBase FromBase64(string encoded)
    {
        var buffer = ByteBuffer.Allocate(Convert.FromBase64String(encoded));
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
    }
}

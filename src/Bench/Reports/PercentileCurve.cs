using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Reports;

/// <summary>A point of a latency distribution: <see cref="Percentile"/> 0–100, latency in milliseconds.</summary>
public sealed record PercentilePoint(double Percentile, double LatencyMs)
{
    /// <summary>The usual 1/(1−p) scale, as log10: 50 % → 0.3, 90 % → 1, 99 % → 2, 99.9 % → 3.</summary>
    public double X => -Math.Log10(1 - (Percentile / 100));
}

/// <summary>Latency distributions recomputed from the HDR histograms stored in results.json (microseconds, base64).</summary>
public static class PercentileCurve
{
    /// <summary>The histograms of the level's counted repeats merged (HDR merges are exact); null when none decodes.</summary>
    public static HistogramBase? Merged(TargetLevel cell)
    {
        var parts = cell.Counted.Select(r => r.Histogram).OfType<string>().Select(TryDecode).OfType<HistogramBase>().ToArray();
        return parts.Length == 0 ? null : LatencyHistogram.Merge(parts);
    }

    /// <summary>
    /// The distribution at HdrHistogram's percentile ticks (five per halving of the distance to 100 %), ending at
    /// the maximum placed at 1 − 1/count: the last percentile the sample can tell apart.
    /// </summary>
    public static IReadOnlyList<PercentilePoint> Of(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        double last = 100 * (1 - (1.0 / Math.Max(2, histogram.TotalCount)));
        var points = histogram.Percentiles(5)
            .Where(v => v.PercentileLevelIteratedTo < last)
            .Select(v => new PercentilePoint(v.PercentileLevelIteratedTo, v.ValueIteratedTo / 1000.0))
            .ToList();
        points.Add(new PercentilePoint(last, histogram.GetMaxValue() / 1000.0));
        return points;
    }

    /// <summary>Decodes a stored histogram; null for text that is not one (an old or hand-edited file must not stop the report).</summary>
    public static HistogramBase? TryDecode(string base64)
    {
        try
        {
            return LatencyHistogram.FromBase64(base64);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}

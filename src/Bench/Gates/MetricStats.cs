namespace Bench.Gates;

/// <summary>A metric over the repeats of one target × level: mean, sample standard deviation (0 for one value) and count.</summary>
public sealed record MetricStats(double Mean, double Stdev, int N)
{
    public static MetricStats From(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        double mean = values.Average();
        double stdev = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MetricStats(mean, stdev, values.Count);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

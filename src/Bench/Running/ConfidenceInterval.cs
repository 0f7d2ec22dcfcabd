using Bench.Gates;

namespace Bench.Running;

/// <summary>
/// The 95 % confidence interval of a mean from a few measurements: mean ± t(0.975, n − 1) × s / √n, with s the sample
/// standard deviation. Pure arithmetic; the half-width is null with fewer than two values (one says nothing of the spread).
/// </summary>
public readonly record struct ConfidenceInterval(double Mean, double? HalfWidth, int N)
{
    public static ConfidenceInterval Of95(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new ConfidenceInterval(0, null, 0);
        }

        double mean = values.Average();
        if (values.Count == 1)
        {
            return new ConfidenceInterval(mean, null, 1);
        }

        double stdev = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new ConfidenceInterval(mean, StudentT.TwoSided95(values.Count - 1) * stdev / Math.Sqrt(values.Count), values.Count);
    }

    /// <summary>Within ±<paramref name="fraction"/> of the mean (a mean of 0 with no spread is: every value was 0).</summary>
    public bool IsWithin(double fraction) => HalfWidth is { } h && h <= fraction * Math.Abs(Mean);
}

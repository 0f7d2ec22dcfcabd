using Bench.Gates.Syntax;

namespace Bench.Gates;

/// <summary>
/// When is a change more than noise? With at least <see cref="RepeatsForSpread"/> repeats on both sides, a one-sided
/// Welch t-test at 99 %: the change must exceed t × the standard error of the difference of the means. With the spread
/// known on one side only, that side's spread stands for both. With neither, a stated default band (±10 % unless
/// configured): one measurement per side says nothing about the noise, and this machine's numbers drift that much.
/// Never below an absolute floor per unit (<see cref="Floor"/>); and against a reference mean of exactly 0 (an error
/// rate that never happened) the floor alone decides, since a band relative to 0 is either 0 or infinite.
/// </summary>
public sealed record NoiseModel(double DefaultBand)
{
    public const int RepeatsForSpread = 3;
    public const double StandardDefaultBand = 0.10;

    public static NoiseModel Default { get; } = new(StandardDefaultBand);

    /// <summary>
    /// The smallest change ever judged beyond the noise, in the unit's own terms (docs/gates.md, "Noise"): 0.1
    /// percentage point of a fraction (errorRate, starved connections, fairness), 0.01 ms, 1 request/s, 1 MiB; 0.001
    /// of any unit added later (a dimensionless figure).
    /// </summary>
    public static double Floor(MetricUnit unit) => unit switch
    {
        MetricUnit.Fraction => 0.001,
        MetricUnit.Milliseconds => 0.01,
        MetricUnit.RequestsPerSecond => 1,
        MetricUnit.Bytes => 1024 * 1024,
        _ => 0.001,
    };

    public NoiseEstimate Estimate(GateMetric metric, MetricStats reference, MetricStats current)
    {
        double floor = Floor(GateMetrics.Unit(metric));
        if (reference.Mean == 0)
        {
            return new NoiseEstimate(floor, double.PositiveInfinity, $"the reference is 0: an absolute margin of {MetricFormat.Value(metric, floor)}");
        }

        var (margin, basis) = Statistical(reference, current);
        return margin >= floor
            ? new NoiseEstimate(margin, margin / Math.Abs(reference.Mean), basis)
            : new NoiseEstimate(floor, floor / Math.Abs(reference.Mean), $"{basis}; at least {MetricFormat.Value(metric, floor)}");
    }

    /// <summary>The band noise could explain, in the metric's unit, from the spreads (or the default band).</summary>
    private (double Margin, string Basis) Statistical(MetricStats reference, MetricStats current)
    {
        bool referenceSpread = reference.N >= RepeatsForSpread;
        bool currentSpread = current.N >= RepeatsForSpread;
        if (!referenceSpread && !currentSpread)
        {
            return (DefaultBand * Math.Abs(reference.Mean), $"default band ±{MetricFormat.Number(DefaultBand * 100)}% (fewer than {RepeatsForSpread} repeats)");
        }

        double standardError;
        double degreesOfFreedom;
        if (referenceSpread && currentSpread)
        {
            double a = reference.Stdev * reference.Stdev / reference.N;
            double b = current.Stdev * current.Stdev / current.N;
            standardError = Math.Sqrt(a + b);
            degreesOfFreedom = (a + b) * (a + b) / ((a * a / (reference.N - 1)) + (b * b / (current.N - 1)));
        }
        else
        {
            var known = referenceSpread ? reference : current;
            standardError = known.Stdev * Math.Sqrt((1.0 / reference.N) + (1.0 / current.N));
            degreesOfFreedom = known.N - 1;
        }

        return (StudentT.OneSided99(degreesOfFreedom) * standardError, $"99% t-test, n={reference.N}/{current.N}");
    }
}

using Bench.Gates.Syntax;

namespace Bench.Gates;

/// <summary>
/// When is a change more than noise? With at least <see cref="RepeatsForSpread"/> repeats on both sides, a one-sided
/// Welch t-test at 99 %: the change must exceed t × the standard error of the difference of the means. With the spread
/// known on one side only, that side's spread stands for both. With neither, a stated default band (±10 % unless
/// configured): one measurement per side says nothing about the noise, and this machine's numbers drift that much.
/// </summary>
public sealed record NoiseModel(double DefaultBand)
{
    public const int RepeatsForSpread = 3;
    public const double StandardDefaultBand = 0.10;

    public static NoiseModel Default { get; } = new(StandardDefaultBand);

    public NoiseEstimate Estimate(MetricStats reference, MetricStats current)
    {
        bool referenceSpread = reference.N >= RepeatsForSpread;
        bool currentSpread = current.N >= RepeatsForSpread;
        if (!referenceSpread && !currentSpread)
        {
            return new NoiseEstimate(DefaultBand, $"default band ±{MetricFormat.Number(DefaultBand * 100)}% (fewer than {RepeatsForSpread} repeats)");
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

        double margin = StudentT.OneSided99(degreesOfFreedom) * standardError;
        double relative = margin == 0 ? 0 : reference.Mean == 0 ? double.PositiveInfinity : margin / Math.Abs(reference.Mean);
        return new NoiseEstimate(relative, $"99% t-test, n={reference.N}/{current.N}");
    }
}

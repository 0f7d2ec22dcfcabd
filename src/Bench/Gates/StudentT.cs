namespace Bench.Gates;

/// <summary>Quantiles of Student's t distribution, from the standard table (exact enough for a noise threshold; no numeric library needed).</summary>
public static class StudentT
{
    // t such that P(T ≤ t) = 0.99, for 1 to 30 degrees of freedom; beyond 30 the normal quantile is within 6 %.
    private static readonly double[] OneSided99Table =
    [
        31.821, 6.965, 4.541, 3.747, 3.365, 3.143, 2.998, 2.896, 2.821, 2.764,
        2.718, 2.681, 2.650, 2.624, 2.602, 2.583, 2.567, 2.552, 2.539, 2.528,
        2.518, 2.508, 2.500, 2.492, 2.485, 2.479, 2.473, 2.467, 2.462, 2.457,
    ];

    private const double NormalOneSided99 = 2.326;

    // t such that P(T ≤ t) = 0.975 (a two-sided 95 % interval), for 1 to 30 degrees of freedom.
    private static readonly double[] TwoSided95Table =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The one-sided 99 % quantile; fractional degrees of freedom (Welch) round down, the cautious side.</summary>
    public static double OneSided99(double degreesOfFreedom)
    {
        int df = double.IsNaN(degreesOfFreedom) ? 1 : (int)Math.Clamp(Math.Floor(degreesOfFreedom), 1, int.MaxValue);
        return df <= OneSided99Table.Length ? OneSided99Table[df - 1] : NormalOneSided99;
    }

    /// <summary>
    /// The two-sided 95 % quantile (a confidence interval's half-width is this × the standard error); beyond 30 degrees
    /// of freedom the value at 30, slightly wider than the exact one: the cautious side for "is the interval narrow enough".
    /// </summary>
    public static double TwoSided95(int degreesOfFreedom) =>
        TwoSided95Table[Math.Clamp(degreesOfFreedom, 1, TwoSided95Table.Length) - 1];
}

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

    /// <summary>The one-sided 99 % quantile; fractional degrees of freedom (Welch) round down, the cautious side.</summary>
    public static double OneSided99(double degreesOfFreedom)
    {
        int df = double.IsNaN(degreesOfFreedom) ? 1 : (int)Math.Clamp(Math.Floor(degreesOfFreedom), 1, int.MaxValue);
        return df <= OneSided99Table.Length ? OneSided99Table[df - 1] : NormalOneSided99;
    }
}

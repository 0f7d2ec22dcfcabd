namespace Bench.Gates;

/// <summary>
/// How large a change noise alone could explain: <paramref name="Absolute"/> in the metric's unit (never below its
/// floor, <see cref="NoiseModel.Floor"/>), <paramref name="Relative"/> as a fraction of the reference mean (infinite
/// when that mean is 0), and how that was decided.
/// </summary>
public sealed record NoiseEstimate(double Absolute, double Relative, string Basis)
{
    /// <summary>Whether a difference of <paramref name="difference"/> (in the metric's unit, either sign) is within the noise.</summary>
    public bool Explains(double difference) => Math.Abs(difference) <= Absolute;
}

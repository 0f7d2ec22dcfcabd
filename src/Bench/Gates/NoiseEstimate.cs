namespace Bench.Gates;

/// <summary>How large a change noise alone could explain, as a fraction of the reference mean, and how that was decided.</summary>
public sealed record NoiseEstimate(double Relative, string Basis);

namespace Bench.Scenarios;

/// <summary>
/// <c>repeats: auto</c>: each cell (target × level) is repeated, interleaved as fixed repeats are, until the 95 %
/// confidence interval of its throughput is within ±<see cref="HalfWidth"/> of its mean, at least <see cref="Min"/>
/// and at most <see cref="Max"/> times (docs/scenarios.md, "Repeats").
/// </summary>
/// <param name="Max">The most repeats a cell gets; one that has not converged by then is recorded as not converged.</param>
/// <param name="HalfWidth">The interval's half-width as a fraction of the mean: 0.05 is ±5 %.</param>
public sealed record AutoRepeats(int Max, double HalfWidth)
{
    /// <summary>
    /// Three, not two: two values that agree by chance would stop a cell on no evidence of its spread, and the gates'
    /// noise model needs three repeats to use a spread at all.
    /// </summary>
    public const int Min = 3;

    public const int DefaultMax = 5;
    public const int MaxLimit = 1000;
    public const double DefaultHalfWidth = 0.05;

    public static AutoRepeats Default { get; } = new(DefaultMax, DefaultHalfWidth);
}

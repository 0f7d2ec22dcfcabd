namespace Bench.Results;

/// <summary>
/// One target × level of a scenario over its repeats: the 95 % confidence interval of its throughput (Student's t,
/// n − 1 degrees of freedom) over the repeats that count (valid, generator not saturated), and with
/// <c>repeats: auto</c> whether that interval came within the scenario's bound. Rewritten after each of its repeats.
/// </summary>
/// <param name="Runs">Repeats run so far, counted or not.</param>
/// <param name="N">Repeats in the interval.</param>
/// <param name="MeanRps">Their mean throughput (0 when none counts).</param>
/// <param name="HalfWidthRps">The interval's half-width; null with fewer than two repeats in it.</param>
/// <param name="Converged">
/// Auto repeats: true once the half-width is within the bound (the cell then stops repeating), false while it is not
/// (at the end of a run: it reached the maximum first). Null for a fixed count.
/// </param>
public sealed record CellInterval(string Target, int Level, int Runs, int N, double MeanRps, double? HalfWidthRps, bool? Converged)
{
    /// <summary>The half-width as a share of the mean; null when there is no half-width or the mean is 0. (A method: results.json holds only the measured fields.)</summary>
    public double? RelativeHalfWidth() => HalfWidthRps is { } h && MeanRps != 0 ? h / Math.Abs(MeanRps) : null;
}

using Bench.Scenarios;

namespace Bench.Running;

/// <summary>
/// Is a cell (target × level) done repeating under <c>repeats: auto</c>? Converged once at least <see cref="Min"/>
/// counted repeats give a 95 % interval of the throughput within ±<see cref="HalfWidth"/> of the mean; exhausted once
/// <see cref="Max"/> repeats have run, counted or not (an invalid repeat costs a run but tells nothing of the spread).
/// Pure arithmetic: no clock, no I/O.
/// </summary>
public sealed record RepeatRule(int Min, int Max, double HalfWidth)
{
    public static RepeatRule For(AutoRepeats auto) => new(AutoRepeats.Min, auto.Max, auto.HalfWidth);

    /// <param name="runs">Repeats the cell has run, this one included.</param>
    /// <param name="counted">Throughputs of those that count (valid, generator not saturated).</param>
    public RepeatDecision Decide(int runs, IReadOnlyList<double> counted) =>
        counted.Count >= Min && ConfidenceInterval.Of95(counted).IsWithin(HalfWidth) ? RepeatDecision.Converged
        : runs >= Max ? RepeatDecision.Exhausted
        : RepeatDecision.Continue;
}

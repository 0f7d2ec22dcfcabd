using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// A cell's throughput interval in words, for the summary table's notes: "95 % interval 1,234 ± 2.1 % req/s (n = 3),
/// converged", so a reader sees how far a number can be trusted; nothing when one repeat says nothing of the spread.
/// </summary>
public static class IntervalNote
{
    public static string? Of(CellInterval? interval, AutoRepeatsDefinition? auto)
    {
        if (interval is null)
        {
            return null;
        }

        string? range = interval.RelativeHalfWidth() is { } relative
            ? $"95 % interval {Format.Rps(interval.MeanRps)} ± {Format.Percent(relative)} req/s (n = {interval.N})"
            : interval.HalfWidthRps is { } h ? $"95 % interval {Format.Rps(interval.MeanRps)} ± {Format.Rps(h)} req/s (n = {interval.N})"
            : null;
        string? outcome = (auto, interval.Converged) switch
        {
            (null, _) or (_, null) => null,
            (_, true) => $"converged after {interval.Runs} repeats",
            (_, false) => $"not converged within ±{Format.Fixed(auto.HalfWidthPercent, "0.##")} % after {interval.Runs} of at most {auto.Max} repeats",
        };
        return range is null && outcome is null ? null : string.Join(", ", new[] { range, outcome }.OfType<string>());
    }
}

namespace Bench.Results;

/// <summary>What several repeats of one target × level (or one level alone) say together, as every table shows it.</summary>
public static class Repeats
{
    /// <summary>Errors ÷ (successes + errors) over the repeats; null when no request ended in any of them.</summary>
    public static double? ErrorRate(IReadOnlyCollection<LevelResult> repeats)
    {
        long ended = repeats.Sum(r => r.Requests + r.ErrorCount);
        return ended == 0 ? null : (double)repeats.Sum(r => r.ErrorCount) / ended;
    }

    /// <summary>The median of the repeats that have the value; null when none has it (no latency without a success).</summary>
    public static double? Median(IEnumerable<LevelResult> repeats, Func<LevelResult, double?> value)
    {
        var sorted = repeats.Select(value).OfType<double>().Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length == 0 ? null : sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

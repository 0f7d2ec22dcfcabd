using Bench.Load;
using Bench.Results;
using Bench.Scenarios;

namespace Bench.Running;

/// <summary>A background stream's run as its record in the level, and what of it makes the level untrustworthy.</summary>
public static class BackgroundResultFactory
{
    public static BackgroundResult From(Background stream, LoadResult load) => new(
        stream.Name,
        stream.Request.Path,
        load.Requests,
        load.ThroughputRps,
        Results.LatencySummary.From(load.Latency),
        load.ErrorCount,
        load.Errors);

    /// <summary>
    /// An open stream that fell behind its rate was not the background the scenario asked for. The generator's
    /// saturation and an interruption are the level's own run's to judge: it measures the whole process's CPU.
    /// </summary>
    public static string? InvalidReason(LoadResult load) => LevelResultFactory.RateMissed(load);

    /// <summary>The level's reason and each stream's, in one line; null when none has one.</summary>
    public static string? Combine(string? level, IReadOnlyList<Background> streams, IReadOnlyList<LoadResult> loads)
    {
        var reasons = streams.Zip(loads)
            .Select(p => InvalidReason(p.Second) is { } reason ? $"stream '{p.First.Name}': {reason}" : null)
            .Prepend(level)
            .OfType<string>()
            .ToArray();
        return reasons.Length == 0 ? null : string.Join("; ", reasons);
    }
}

using Bench.Load;
using Bench.Results;
using Bench.Launch;
using Bench.Launch.Sampling;

namespace Bench.Running;

/// <summary>Maps what the engine and the sampler measured into the level record written to results.json.</summary>
public static class LevelResultFactory
{
    public static LevelResult From(string target, int level, int repeat, LoadResult load, ResourceUsage usage, TargetExit? exit)
    {
        string? invalid = InvalidReason(load, exit);
        return new LevelResult(
            target,
            level,
            repeat,
            load.StartedAt,
            load.Duration.TotalSeconds,
            load.Requests,
            load.ThroughputRps,
            Results.LatencySummary.From(load.Latency),
            load.ErrorCount,
            load.Errors,
            load.Series.Select(s => new Results.SecondSample(s.Second, s.Completed, s.Errors, s.P99Ms)).ToArray(),
            ResourceResult.From(usage, load.Requests, load.Attempts),
            new GeneratorResult(load.Generator.CpuSeconds, load.Generator.Saturated),
            exit?.Code,
            invalid is null,
            invalid,
            load.Requests > 0 ? load.EncodeHistogram() : null)
        {
            InFlight = load.InFlight,
            TargetOomKilled = exit?.OutOfMemory ?? false,
            FailureLatencyMs = Results.LatencySummary.From(load.FailureLatency),
            FailureHistogram = load.FailureHistogram.TotalCount > 0 ? LoadResult.EncodeHistogram(load.FailureHistogram) : null,
            Open = load.Open is { } open ? new ScheduleResult(open.TargetRps, open.Scheduled, open.Sent, open.Late, open.Unsent, open.RateReached, open.PeakConnections) : null,
            StarvedConnections = load.Fairness?.Starved,
            Fairness = load.Fairness?.JainIndex,
            Cache = CacheResult.From(load.Cache),
            Components = ComponentResult.From(usage, load.Requests, load.Attempts),
            Agents = load.Parts.Count > 0 ? load.Parts : null,
        };
    }

    /// <summary>A level that could not be run (its target could not be restarted): nothing measured, and why.</summary>
    public static LevelResult NotRun(string target, int level, int repeat, DateTimeOffset at, string reason) => new(
        target,
        level,
        repeat,
        at,
        0,
        0,
        0,
        null,
        0,
        new Dictionary<string, long>(),
        [],
        ResourceResult.From(ResourceUsage.None, 0, 0),
        new GeneratorResult(0, false),
        null,
        false,
        reason,
        null);

    /// <summary>Why an open-model run is not the load it was asked for (its rate was not reached); null when it was, or for a closed run.</summary>
    internal static string? RateMissed(LoadResult load) =>
        load.Open is { RateReached: false } open ? $"the open-model rate was not reached: {open.Sent} of {open.Scheduled} scheduled requests sent" : null;

    /// <summary>Errors are measurements; only a result that describes something other than the target is invalid.</summary>
    private static string? InvalidReason(LoadResult load, TargetExit? exit)
    {
        var reasons = new List<string>();
        if (exit is not null)
        {
            reasons.Add($"the target {exit.Description} during the level");
        }

        if (load.Generator.Saturated)
        {
            reasons.Add($"the load generator saturated its cores ({load.Generator.Utilisation:P0} busy): the numbers may describe the generator");
        }

        reasons.AddRange(load.GeneratorProblems);
        if (RateMissed(load) is { } missed)
        {
            reasons.Add(missed);
        }

        if (load.StopReason == StopReason.Cancelled)
        {
            reasons.Add("interrupted before the end of the level");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}

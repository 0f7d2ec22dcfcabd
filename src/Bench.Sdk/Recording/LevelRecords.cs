using Bench.Launch.Sampling;
using Bench.Load;
using Bench.Load.Engine;
using Bench.Load.Measurement;
using Bench.Results;
using Bench.Running;
using Bench.Sdk.Measurement;

namespace Bench.Sdk.Recording;

/// <summary>
/// A level's records for results.json: one for the scenario as a whole (target = the scenario's name) and one per step
/// (target = the step's name), each with the engine's fields. The system under test is not Bench's to sample, so
/// resources are empty (no CPU per request: a gate on it is invalid, never a pass) — unless it is a catalogue target
/// Bench started (a sweep: the scenario's record is the target's, with its resources); the generator is this process.
/// </summary>
internal static class LevelRecords
{
    public static IReadOnlyList<LevelResult> Of(string scenario, IReadOnlyList<string> steps, string stepPrefix, int level, LevelMeter meter, MeasuredWindow? target)
    {
        double seconds = Math.Max(0, (double)(meter.WindowEnd - meter.WindowStart) / meter.TicksPerSecond);
        var schedule = meter.Open ? Schedule(meter) : null;
        bool saturated = meter.Generator.Saturated || schedule is { RateReached: false };
        string? invalid = InvalidReason(meter, schedule);
        var generator = new GeneratorResult(meter.Generator.CpuSeconds, saturated);
        var records = new List<LevelResult>
        {
            Record(scenario, level, meter.Scenario, seconds, meter.StartedAt, generator, invalid) with
            {
                // A catalogue target's own CPU and memory over the level, per iteration (bench run's resources).
                Resources = target is null ? ResourceResult.From(ResourceUsage.None, 0, 0)
                    : ResourceResult.From(target.Usage, meter.Scenario.Requests, meter.Scenario.Requests + meter.Scenario.ErrorCount),
                Interference = target?.Interference,
                Open = schedule,
                StarvedConnections = meter.Open ? null : Fairness(meter).Starved,
                Fairness = meter.Open ? null : Fairness(meter).JainIndex,
            },
        };
        foreach (string step in steps)
        {
            records.Add(Record(stepPrefix + step, level, meter.Steps.GetValueOrDefault(step) ?? Empty(meter), seconds, meter.StartedAt, generator, invalid));
        }

        return records;
    }

    /// <summary>A step that did not run at a level: nothing measured, so its cell is complete (and an empty cell, not a missing one).</summary>
    public static LevelResult Empty(string target, int level, LevelResult scenarioRecord) =>
        Record(target, level, new StatsRecorder(0, 1), scenarioRecord.DurationSeconds, scenarioRecord.StartedAt, scenarioRecord.Generator, scenarioRecord.InvalidReason);

    private static StatsRecorder Empty(LevelMeter meter) => new(meter.WindowStart, meter.TicksPerSecond);

    private static LevelResult Record(string target, int level, StatsRecorder stats, double seconds, DateTimeOffset startedAt, GeneratorResult generator, string? invalid) => new(
        target,
        level,
        1,
        startedAt,
        seconds,
        stats.Requests,
        seconds > 0 ? stats.Requests / seconds : 0,
        Results.LatencySummary.From(LatencyHistogram.Summarize(stats.Latency)),
        stats.ErrorCount,
        new Dictionary<string, long>(stats.Errors),
        Series(stats),
        ResourceResult.From(ResourceUsage.None, 0, 0),
        generator,
        null,
        invalid is null,
        invalid,
        stats.Requests > 0 ? LatencyHistogram.ToBase64(stats.Latency) : null)
    {
        InFlight = stats.InFlight,
        FailureLatencyMs = Results.LatencySummary.From(LatencyHistogram.Summarize(stats.Failures)),
        FailureHistogram = stats.Failures.TotalCount > 0 ? LatencyHistogram.ToBase64(stats.Failures) : null,
        Bytes = stats.Bytes,
    };

    private static Results.SecondSample[] Series(StatsRecorder stats) =>
        stats.Seconds.Select((s, i) => new Results.SecondSample(i, s.Completed, s.Errors, s.Latency.TotalCount == 0 ? 0 : s.Latency.GetValueAtPercentile(99) / 1000.0)).ToArray();

    private static ScheduleResult Schedule(LevelMeter meter)
    {
        long scheduled = meter.Scheduled;
        long sent = meter.Started;
        long late = meter.Late;
        return new ScheduleResult(meter.TargetRps, scheduled, sent, late, scheduled - sent, sent - late >= ResultBuilder.RateReachedFraction * scheduled, meter.PeakRunning);
    }

    private static ConnectionFairness Fairness(LevelMeter meter) => ConnectionFairness.Of([.. meter.PerCopy]);

    /// <summary>As the engine's levels: only what describes something other than the system under test makes a level invalid.</summary>
    private static string? InvalidReason(LevelMeter meter, ScheduleResult? schedule)
    {
        var reasons = new List<string>();
        if (meter.Generator.Saturated)
        {
            reasons.Add($"the load generator saturated its cores ({meter.Generator.Utilisation:P0} busy): the numbers may describe the generator");
        }

        if (schedule is { RateReached: false })
        {
            reasons.Add($"the scheduler could not keep the open-model rate (the generator saturated): {schedule.Sent - schedule.Late} of {schedule.Scheduled} iterations started on time ({schedule.Late} late, {schedule.Unsent} never started) — a step blocking its thread, or a pool that cannot keep up");
        }

        if (meter.Interrupted)
        {
            reasons.Add("interrupted before the end of the level");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}

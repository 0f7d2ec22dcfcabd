using Bench.Load.Measurement;
using Bench.Results;
using Bench.Scenarios;

namespace Bench.Tests.Support;

/// <summary>
/// A run as `bench run` records it, written with the real writers (RunRecorder → results.json) and real HDR
/// histograms, with numbers shaped like the lesson: on /io?ms=20 a sync target stays flat near 49 requests/s while
/// an async one scales with the connections; async at 256 is invalid (its generator saturated), sync at 64 stalls
/// for a second, threads fails verification. An open scenario offers rates sync cannot keep up with.
/// </summary>
public static class SyntheticRun
{
    public const double ServiceMs = 20.4;

    public static readonly int[] Levels = [1, 4, 16, 64, 256];
    public static readonly int[] Rates = [25, 100, 400];

    public static async Task<RunResults> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var recorder = new RunRecorder(new RunWriter(directory), SampleResults.Run());
        var scenarios = new ScenarioLoader(FixtureCatalog.Models()).Parse("""
            name: io
            description: every request waits 20 ms on simulated I/O; sync stays near 49 requests/s while async scales with the connections
            targets: [sync, async, threads]
            request: { path: "/io?ms=20" }
            load: { model: closed, levels: [1, 4, 16, 64, 256], warmup: 500ms, duration: 5s, timeout: 2s }
            ---
            name: rate
            description: a fixed arrival rate; sync falls behind once the rate passes 1/R₀
            targets: [sync, async]
            request: { path: "/io?ms=20" }
            load: { model: open, levels: [25, 100, 400], warmup: 500ms, duration: 5s, timeout: 2s }
            """, "synthetic.yaml");
        foreach (var scenario in scenarios)
        {
            await recorder.AddScenarioAsync(scenario, cancellationToken);
        }

        await recorder.RecordVerificationAsync("io", new TargetVerification("sync", true, null), cancellationToken);
        await recorder.RecordVerificationAsync("io", new TargetVerification("async", true, null), cancellationToken);
        await recorder.RecordVerificationAsync("io", new TargetVerification("threads", false, "GET /io?ms=20: expected 200, got 500"), cancellationToken);
        var clock = SampleResults.Start;
        foreach (string target in new[] { "sync", "async" })
        {
            foreach (int level in Levels)
            {
                await recorder.RecordLevelAsync("io", Closed(target, level, clock), cancellationToken);
                clock = clock.AddSeconds(6);
            }
        }

        foreach (string target in new[] { "sync", "async" })
        {
            foreach (int rate in Rates)
            {
                await recorder.RecordLevelAsync("rate", Open(target, rate, clock), cancellationToken);
                clock = clock.AddSeconds(6);
            }
        }

        await recorder.CompleteAsync(clock, cancellationToken);
        return recorder.Current;
    }

    private static LevelResult Closed(string target, int level, DateTimeOffset startedAt)
    {
        bool sync = target == "sync";
        // sync: one request at a time, so N − 1 wait ahead of each (capped by the 2 s timeout); async: ~linear until the CPU.
        double rps = sync ? 49 - (level / 256.0) : Math.Min(level * 1000 / (ServiceMs + 0.3), 7400);
        double latencyMs = sync ? Math.Min(level * ServiceMs, 2000) : Math.Max(ServiceMs + 0.1 + (level / 64.0), level * 1000 / rps);
        long errors = sync ? level switch { 64 => 30, 256 => 600, _ => 0 } : 0;
        bool saturated = !sync && level == 256;
        return Level(target, level, startedAt, rps, latencyMs, errors, cpuMs: sync ? 0.12 : 0.15 - (level / 2560.0), rssMiB: sync ? 28 : 34 + (level / 7.0), saturated, stallAt: sync && level == 64 ? 2 : null)
            with
            {
                InFlight = sync && level >= 64 ? level / 4 : 0,
                // Another tenant stole a tenth of the cores while sync ran at 16 connections: a noisy cell.
                Interference = new Bench.Launch.Sampling.Interference([0, 1], sync && level == 16 ? 0.1 : 0.005, 0.01),
            };
    }

    private static LevelResult Open(string target, int rate, DateTimeOffset startedAt)
    {
        bool sync = target == "sync";
        double rps = sync ? Math.Min(rate, 48.5) : rate;
        // Open-model latency counts from the intended send time: behind the rate, the queue grows for the whole window.
        double latencyMs = sync && rate > 48 ? 2000 : ServiceMs + 0.2;
        long errors = sync && rate > 48 ? (long)((rate - 48) * 5) : 0;
        return Level(target, rate, startedAt, rps, latencyMs, errors, cpuMs: 0.12, rssMiB: sync ? 28 : 36, saturated: false, stallAt: null);
    }

    private static LevelResult Level(string target, int level, DateTimeOffset startedAt, double rps, double latencyMs, long errors, double cpuMs, double rssMiB, bool saturated, int? stallAt)
    {
        const int Seconds = 5;
        var random = new Random((target.Length * 7919) + level);
        var histogram = LatencyHistogram.Create();
        long requests = (long)(rps * Seconds);
        const int Samples = 400;
        for (int i = 0; i < Samples; i++)
        {
            // Mostly near the typical latency, a tail of 2 % up to three times it.
            double ms = latencyMs * (0.9 + (0.2 * random.NextDouble())) * (random.NextDouble() < 0.02 ? 1 + (2 * random.NextDouble()) : 1);
            histogram.RecordValueWithCount(Math.Clamp((long)(ms * 1000), LatencyHistogram.LowestMicros, LatencyHistogram.HighestMicros), Math.Max(1, requests / Samples));
        }

        var summary = LatencyHistogram.Summarize(histogram)!;
        var perSecond = Enumerable.Range(0, Seconds)
            .Select(s => new SecondSample(s, s == stallAt ? 0 : (long)(rps * (0.97 + (0.06 * random.NextDouble()))), errors / Seconds, summary.P99Ms))
            .ToArray();
        return new LevelResult(
            target, level, 1, startedAt, Seconds, requests, rps,
            new LatencySummary(summary.MeanMs, summary.StdevMs, summary.P50Ms, summary.P75Ms, summary.P90Ms, summary.P99Ms, summary.P999Ms, summary.P9999Ms, summary.MaxMs),
            errors,
            errors > 0 ? new Dictionary<string, long> { ["timeout"] = errors } : new Dictionary<string, long>(),
            perSecond,
            new ResourceResult(cpuMs * requests / 1000, cpuMs, (long)(rssMiB * 1024 * 1024), 4, 100, 10),
            new GeneratorResult(0.5, saturated),
            null,
            !saturated,
            saturated ? "the generator's core was saturated" : null,
            LatencyHistogram.ToBase64(histogram));
    }
}

using Bench.Load;
using Bench.Load.Measurement;
using Bench.Running;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Tests.Running;

public sealed class LevelResultFactoryTests
{
    private static LoadResult Load(long successes = 1, long bodyMismatches = 0, ConnectionFairness? fairness = null)
    {
        var histogram = LatencyHistogram.Create();
        var failures = LatencyHistogram.Create();
        for (int i = 0; i < successes; i++)
        {
            histogram.RecordValue(1000);
        }

        for (int i = 0; i < bodyMismatches; i++)
        {
            failures.RecordValue(3000);
        }

        return new LoadResult(
            new LoadOptions { Url = new Uri("http://127.0.0.1:1/hello") },
            DateTimeOffset.UnixEpoch,
            TimeSpan.FromSeconds(1),
            StopReason.DurationElapsed,
            successes,
            successes + bodyMismatches,
            successes,
            LatencyHistogram.Summarize(histogram),
            histogram,
            LatencyHistogram.Summarize(failures),
            failures,
            bodyMismatches,
            bodyMismatches > 0 ? new Dictionary<string, long> { [ErrorKinds.BodyMismatch] = bodyMismatches } : new Dictionary<string, long>(),
            new Dictionary<int, long> { [200] = successes + bodyMismatches },
            0,
            [],
            new GeneratorUsage(1, [1], 0.1, 0.1, 0.1, 100, 0, false),
            null,
            fairness ?? new ConnectionFairness(1, 0, 1));
    }

    [Fact]
    public void An_open_level_records_how_its_schedule_was_kept_and_a_closed_one_has_none()
    {
        var open = Load() with { Open = new OpenModelResult(500, 1000, 990, 30, 10, RateReached: false, PeakConnections: 12) };

        var level = LevelResultFactory.From("async", 500, 1, open, ResourceUsage.None, exit: null);

        Assert.Equal(new Bench.Results.ScheduleResult(500, 1000, 990, 30, 10, false, 12), level.Open);
        Assert.Contains("the open-model rate was not reached: 990 of 1000 scheduled requests sent", level.InvalidReason, StringComparison.Ordinal);
        Assert.Null(LevelResultFactory.From("async", 4, 1, Load(), ResourceUsage.None, exit: null).Open);
    }

    [Fact]
    public void Given_only_wrong_bodies_when_recorded_then_the_level_has_no_requests_no_latency_and_no_cpu_per_request()
    {
        var usage = ResourceUsage.None with { CpuSeconds = 0.5 };

        var level = LevelResultFactory.From("async", 4, 1, Load(successes: 0, bodyMismatches: 500), usage, exit: null);

        Assert.Equal(0, level.Requests);
        Assert.Equal(0, level.ThroughputRps);
        Assert.Null(level.LatencyMs);
        Assert.Null(level.Histogram);
        Assert.Equal(500, level.ErrorCount);
        Assert.Equal(1.0, Bench.Results.Repeats.ErrorRate([level]));
        Assert.Null(level.Resources.CpuMsPerRequest);
        Assert.Equal(1.0, level.Resources.CpuMsPerAttempt);
        Assert.Equal(3.0, level.FailureLatencyMs!.P50, 0.01);
        Assert.NotNull(level.FailureHistogram);
    }

    [Fact]
    public void Cpu_per_request_counts_successes_and_cpu_per_attempt_every_ended_request()
    {
        var usage = ResourceUsage.None with { CpuSeconds = 1 };

        var level = LevelResultFactory.From("async", 4, 1, Load(successes: 250, bodyMismatches: 750), usage, exit: null);

        Assert.Equal(4.0, level.Resources.CpuMsPerRequest);
        Assert.Equal(1.0, level.Resources.CpuMsPerAttempt);
        Assert.Equal(1.0, level.LatencyMs!.P50, 0.01);
    }

    [Fact]
    public void Starved_connections_and_fairness_are_carried_into_the_level()
    {
        var level = LevelResultFactory.From("sync", 256, 1, Load(fairness: new ConnectionFairness(256, 255, 1.0 / 256)), ResourceUsage.None, exit: null);

        Assert.Equal(255, level.StarvedConnections);
        Assert.Equal(1.0 / 256, level.Fairness!.Value, 9);
    }

    [Fact]
    public void A_target_killed_for_memory_during_the_level_makes_it_invalid_and_says_so()
    {
        var exit = new TargetExit(137, true, "was killed for exceeding its memory limit of 64m (out of memory, exit code 137); raise memory: in targets.yaml");

        var level = LevelResultFactory.From("boxed", 16, 1, Load(), ResourceUsage.None, exit);

        Assert.False(level.Valid);
        Assert.True(level.TargetOomKilled);
        Assert.Equal(137, level.TargetExitCode);
        Assert.Equal($"the target {exit.Description} during the level", level.InvalidReason);
    }

    [Fact]
    public void A_running_target_leaves_the_level_valid_and_its_container_usage_is_kept()
    {
        var usage = ResourceUsage.None with { CpuSeconds = 0.5, Container = new ContainerUsage(0.49, 20 << 20, 9, 512 << 20, 4) };

        var level = LevelResultFactory.From("boxed", 16, 1, Load(), usage, exit: null);

        Assert.True(level.Valid, level.InvalidReason);
        Assert.False(level.TargetOomKilled);
        Assert.Null(level.TargetExitCode);
        Assert.Equal(new ContainerUsage(0.49, 20 << 20, 9, 512 << 20, 4), level.Resources.Container);
    }
}

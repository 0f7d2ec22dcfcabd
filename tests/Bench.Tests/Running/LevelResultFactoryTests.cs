using Bench.Load;
using Bench.Load.Measurement;
using Bench.Running;
using Bench.Targets;
using Bench.Targets.Docker;
using Bench.Targets.Sampling;

namespace Bench.Tests.Running;

public sealed class LevelResultFactoryTests
{
    private static LoadResult Load()
    {
        var histogram = LatencyHistogram.Create();
        histogram.RecordValue(1000);
        return new LoadResult(
            new LoadOptions { Url = new Uri("http://127.0.0.1:1/hello") },
            DateTimeOffset.UnixEpoch,
            TimeSpan.FromSeconds(1),
            StopReason.DurationElapsed,
            1,
            1,
            1,
            LatencyHistogram.Summarize(histogram),
            histogram,
            0,
            new Dictionary<string, long>(),
            new Dictionary<int, long> { [200] = 1 },
            0,
            [],
            new GeneratorUsage(1, [1], 0.1, 0.1, 0.1, 100, 0, false),
            null);
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

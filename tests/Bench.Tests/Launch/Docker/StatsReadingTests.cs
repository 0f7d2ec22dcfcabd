using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Tests.Launch.Docker;

public sealed class StatsReadingTests
{
    private static ContainerStatsResponse Stats(ulong cpu, ulong usage, Dictionary<string, ulong>? detail, ulong tasks) => new()
    {
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = cpu } },
        MemoryStats = new MemoryStats { Usage = usage, Stats = detail },
        PidsStats = new PidsStats { Current = tasks },
    };

    [Fact]
    public void Memory_is_usage_without_inactive_file_cache_as_docker_stats_shows_it_on_cgroup_v1()
    {
        var reading = StatsReading.From(Stats(2_000_000_000, 50 << 20, new() { ["total_inactive_file"] = 10 << 20, ["cache"] = 12 << 20 }, 9));

        Assert.Equal(new StatsReading(2_000_000_000, 40L << 20, 9), reading);
    }

    [Fact]
    public void On_cgroup_v2_the_cache_is_inactive_file()
    {
        Assert.Equal(30L << 20, StatsReading.From(Stats(0, 32 << 20, new() { ["inactive_file"] = 2 << 20 }, 1)).MemoryBytes);
    }

    [Fact]
    public void A_stopped_containers_empty_stats_read_as_zero()
    {
        Assert.Equal(new StatsReading(0, 0, 0), StatsReading.From(new ContainerStatsResponse()));
    }
}

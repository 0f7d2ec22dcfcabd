using System.Globalization;
using Bench.Launch.Cgroups;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Cgroups;

/// <summary>A target's groups on stand-in trees: the files written, the pid moved, the clean-up, the OOM count.</summary>
public sealed class TargetCgroupsTests
{
    private const int TargetPid = 4343;

    [Fact]
    public void On_v2_one_group_beside_bench_s_holds_the_quota_as_cpu_max_and_the_memory_limit_without_swap()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope");

        using var cgroups = TargetCgroups.Create(tree.Host(), 0.5, 64L << 20);

        string group = Assert.Single(cgroups.Directories);
        Assert.Equal(tree.At("user.slice"), Path.GetDirectoryName(group));
        Assert.StartsWith($"bench-{Environment.ProcessId}-", Path.GetFileName(group), StringComparison.Ordinal);
        Assert.Equal("1000 2000", File.ReadAllText(Path.Combine(group, "cpu.max")));
        Assert.Equal((64L << 20).ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(group, "memory.max")));
        Assert.Equal("0", File.ReadAllText(Path.Combine(group, "memory.swap.max")));
    }

    [Fact]
    public void On_v1_the_quota_and_the_limit_are_a_group_under_each_controller()
    {
        using var tree = CgroupTree.V1();

        using var cgroups = TargetCgroups.Create(tree.Host(), 0.25, 32L << 20);

        Assert.Equal([tree.At("cpu"), tree.At("memory")], cgroups.Directories.Select(Path.GetDirectoryName));
        Assert.Equal("4000", File.ReadAllText(Path.Combine(cgroups.Directories[0], "cpu.cfs_period_us")));
        Assert.Equal("1000", File.ReadAllText(Path.Combine(cgroups.Directories[0], "cpu.cfs_quota_us")));
        Assert.Equal((32L << 20).ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(cgroups.Directories[1], "memory.memsw.limit_in_bytes")));
    }

    [Fact]
    public void Adding_the_target_moves_its_pid_out_of_bench_s_group_into_the_target_s()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope", others: TargetPid);
        using var cgroups = TargetCgroups.Create(tree.Host(), 0.5, null);

        cgroups.Add(TargetPid);

        Assert.Equal([TargetPid.ToString(CultureInfo.InvariantCulture)], File.ReadAllLines(Path.Combine(cgroups.Directories[0], "cgroup.procs")));
        Assert.DoesNotContain(TargetPid.ToString(CultureInfo.InvariantCulture), tree.Pids("user.slice/session-1.scope"));
    }

    [Fact]
    public void Disposing_removes_the_group_and_a_process_still_in_it_goes_back_to_bench_s_own_group()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope", others: TargetPid);
        var cgroups = TargetCgroups.Create(tree.Host(), 0.5, 64L << 20);
        cgroups.Add(TargetPid);
        string group = cgroups.Directories[0];

        cgroups.Dispose();

        Assert.False(Directory.Exists(group));
        Assert.Contains(TargetPid.ToString(CultureInfo.InvariantCulture), tree.Pids("user.slice/session-1.scope"));
    }

    [Fact]
    public void The_group_of_a_bench_that_is_gone_is_removed_by_the_next_one_and_a_live_one_s_is_kept()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope");
        const int alive = 5_100_001;
        tree.AddProcess(alive);
        string gone = tree.At("user.slice", "bench-5000001-1");
        string live = tree.At("user.slice", $"bench-{alive}-1");
        tree.CreateDirectory(gone);
        tree.CreateDirectory(live);

        using var cgroups = TargetCgroups.Create(tree.Host(), 0.5, null);

        Assert.False(Directory.Exists(gone));
        Assert.True(Directory.Exists(live));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public void An_oom_kill_the_kernel_counted_is_seen(string version)
    {
        using var tree = version == "v1" ? CgroupTree.V1() : CgroupTree.V2();
        using var cgroups = TargetCgroups.Create(tree.Host(), null, 64L << 20);
        Assert.Equal(0, cgroups.OomKills);

        CgroupTree.OomKills(cgroups.Directories.Single(), 1);

        Assert.Equal(1, cgroups.OomKills);
    }

    [Fact]
    public void Where_the_host_allows_no_group_creating_one_fails_with_the_host_s_reason_and_leaves_nothing()
    {
        using var tree = CgroupTree.V2("/system.slice/runner.service");
        tree.Deny(tree.At("system.slice"));
        var host = tree.Host();

        var error = Assert.Throws<IOException>(() => TargetCgroups.Create(host, 0.5, null));

        Assert.Equal(host.Cpu.Reason, error.Message);
        Assert.Equal(["runner.service"], Directory.GetDirectories(tree.At("system.slice")).Select(Path.GetFileName));
    }
}

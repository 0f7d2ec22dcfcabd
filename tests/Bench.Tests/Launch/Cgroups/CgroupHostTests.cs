using Bench.Launch.Cgroups;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Cgroups;

/// <summary>Which hierarchy holds each controller, where the targets' groups go, and the one-line reason when nowhere — on stand-in trees.</summary>
public sealed class CgroupHostTests
{
    [Fact]
    public void Given_v1_controllers_when_probed_then_each_controller_s_groups_go_under_its_own_mount()
    {
        using var tree = CgroupTree.V1();
        var host = tree.Host();

        Assert.Equal(CgroupAccess.Available("cpu", CgroupVersion.V1, tree.At("cpu"), tree.At("cpu")), host.Cpu);
        Assert.Equal(CgroupAccess.Available("memory", CgroupVersion.V1, tree.At("memory"), tree.At("memory")), host.Memory);
        Assert.Equal("v1", host.Describe(cpu: true, memory: true));
        Assert.Empty(Directory.GetDirectories(tree.At("cpu"))); // the probe group is gone
    }

    [Fact]
    public void Given_a_unified_hierarchy_when_bench_s_group_holds_processes_then_the_targets_groups_go_beside_it_with_cpu_and_memory_enabled_in_the_parent()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope", others: 4242); // Bench's shell shares its group
        File.WriteAllText(tree.At("user.slice", "cgroup.subtree_control"), ""); // nothing enabled there yet
        var host = tree.Host();

        Assert.Equal(CgroupAccess.Available("cpu", CgroupVersion.V2, tree.At("user.slice"), tree.At("user.slice/session-1.scope")), host.Cpu);
        Assert.Equal(CgroupAccess.Available("memory", CgroupVersion.V2, tree.At("user.slice"), tree.At("user.slice/session-1.scope")), host.Memory);
        Assert.Equal("v2", host.Describe(cpu: true, memory: false));
        Assert.Equal(["cpu", "memory"], tree.Text("user.slice", "cgroup.subtree_control").Split(' ').Order());
        Assert.Equal("", tree.Text("user.slice/session-1.scope", "cgroup.subtree_control"));
        Assert.Equal(["session-1.scope"], Directory.GetDirectories(tree.At("user.slice")).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_bench_in_the_root_group_when_probed_then_the_targets_groups_go_under_the_root()
    {
        using var tree = CgroupTree.V2("/");
        var host = tree.Host();

        Assert.Equal(CgroupAccess.Available("cpu", CgroupVersion.V2, tree.Root, tree.Root), host.Cpu);
        Assert.Contains("cpu", tree.Text("cgroup.subtree_control").Split(' '));
    }

    [Fact]
    public void Given_no_cgroup_file_system_when_probed_then_neither_controller_is_available_and_the_reason_is_one_line()
    {
        using var tree = CgroupTree.None();
        var host = tree.Host();

        Assert.False(host.Cpu.IsAvailable);
        Assert.False(host.Memory.IsAvailable);
        Assert.Equal($"no cgroup file system at {tree.Root} (neither a v1 cpu controller nor cgroup v2)", host.Cpu.Reason);
        Assert.Null(host.Describe(cpu: true, memory: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Given_a_parent_not_delegated_to_this_user_when_probed_then_both_are_unavailable_and_one_line_says_so(bool controllersAlreadyOn)
    {
        using var tree = CgroupTree.V2("/system.slice/runner.service");
        if (!controllersAlreadyOn)
        {
            File.WriteAllText(tree.At("system.slice", "cgroup.subtree_control"), "");
        }

        tree.Deny(tree.At("system.slice"));
        var host = tree.Host();

        string reason = Assert.IsType<string>(host.Cpu.Reason);
        Assert.StartsWith($"cgroup v2: {tree.At("system.slice")} is not delegated to this user", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reason);
        Assert.False(host.Memory.IsAvailable);
        Assert.Null(host.Describe(cpu: true, memory: true));
    }

    [Fact]
    public void Given_a_host_that_does_not_offer_memory_when_probed_then_memory_says_why_and_cpu_still_works()
    {
        using var tree = CgroupTree.V2("/user.slice/session-1.scope", controllers: "cpu pids");
        var host = tree.Host();

        Assert.True(host.Cpu.IsAvailable, host.Cpu.Reason);
        Assert.StartsWith($"cgroup v2: the memory controller is not available in {tree.At("user.slice")} (cgroup.controllers: 'cpu pids'", host.Memory.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_parent_that_holds_processes_of_its_own_when_probed_then_the_no_internal_processes_rule_is_the_reason()
    {
        using var tree = CgroupTree.V2("/ci/job");
        File.WriteAllText(tree.At("ci", "cgroup.subtree_control"), "");
        tree.AddProcess(777);
        File.WriteAllText(tree.At("ci", "cgroup.procs"), "777\n"); // the runner itself sits in the parent
        var host = tree.Host();

        Assert.Equal(
            $"cgroup v2: cannot enable +cpu in {tree.At("ci")}: Device or resource busy (a group holding processes cannot enable controllers for its children, and Bench moves none it did not start)",
            host.Cpu.Reason);
    }

    [Fact]
    public void Given_no_unified_line_in_proc_self_cgroup_when_probed_then_that_is_the_reason()
    {
        using var tree = CgroupTree.V2();
        tree.SelfCgroup("4:memory:/\n");

        Assert.Equal($"cgroup v2 at {tree.Root}: Bench's own group is not in /proc/self/cgroup (no '0::' line)", tree.Host().Cpu.Reason);
    }
}

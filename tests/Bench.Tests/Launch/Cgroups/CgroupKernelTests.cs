using System.Diagnostics;
using Bench.Launch.Cgroups;

namespace Bench.Tests.Launch.Cgroups;

/// <summary>
/// The v2 code against the kernel's own cgroup2 hierarchy, where this machine has one: this project's machine mounts
/// it beside v1 (/sys/fs/cgroup/unified, with no cpu or memory controller, as v1 holds them); a v2 host has it at
/// /sys/fs/cgroup with both.
/// </summary>
public sealed class CgroupKernelTests
{
    private static string? Mount => CgroupV2Placement.Mount(CgroupFiles.Kernel, CgroupHost.DefaultRoot);

    [Fact]
    public void On_the_kernel_s_cgroup2_hierarchy_a_controller_it_lacks_is_said_to_be_missing_and_one_it_has_is_usable()
    {
        Assert.SkipUnless(Mount is not null && Environment.UserName == "root", "needs a cgroup2 mount and root");
        string mount = Mount!;
        var host = new CgroupHost(mount, "/proc", CgroupFiles.Kernel); // the unified hierarchy alone, v1 out of sight
        string controllers = File.ReadAllText(Path.Combine(mount, "cgroup.controllers"));

        if (controllers.Split(' ', '\n').Contains("cpu"))
        {
            Assert.True(host.Cpu.IsAvailable, host.Cpu.Reason);
            Assert.Equal(CgroupVersion.V2, host.Cpu.Version);
        }
        else
        {
            Assert.Contains("the cpu controller is not available in", host.Cpu.Reason ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_the_kernel_s_cgroup2_hierarchy_a_group_takes_a_process_and_gives_it_back_when_removed()
    {
        Assert.SkipUnless(Mount is not null && Environment.UserName == "root", "needs a cgroup2 mount and root");
        string mount = Mount!;
        string own = CgroupV2Placement.OwnGroup(File.ReadAllText("/proc/self/cgroup"))!;
        string home = Path.Join(mount, own.TrimStart('/')).TrimEnd('/');
        string parent = own == "/" ? mount : Path.GetDirectoryName(home)!;
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            string group;
            using (var cgroup = Cgroup.Create(CgroupAccess.Available("pids", CgroupVersion.V2, parent, home), CgroupFiles.Kernel, pid => Directory.Exists($"/proc/{pid}")))
            {
                group = cgroup.Directory;
                cgroup.Add(sleeper.Id);
                Assert.Equal($"0::/{Path.GetRelativePath(mount, group)}", File.ReadAllLines($"/proc/{sleeper.Id}/cgroup").Single(l => l.StartsWith("0::", StringComparison.Ordinal)));
            }

            Assert.False(Directory.Exists(group));
            Assert.Contains($"0::{own}", File.ReadAllLines($"/proc/{sleeper.Id}/cgroup"));
        }
        finally
        {
            sleeper.Kill();
            await sleeper.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}

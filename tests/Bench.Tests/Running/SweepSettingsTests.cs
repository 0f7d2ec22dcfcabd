using Bench.Running;
using Bench.Launch.Cgroups;

namespace Bench.Tests.Running;

public sealed class SweepSettingsTests
{
    [Fact]
    public void Given_a_usable_cpu_controller_the_default_sweep_has_half_a_core_and_no_reason()
    {
        var settings = SweepSettings.ForMachine(2, CgroupAccess.Available("cpu", CgroupVersion.V2, "/sys/fs/cgroup/user.slice", "/sys/fs/cgroup/user.slice/s.scope"));

        Assert.Equal(SweepSettings.DefaultTargetCpuQuota, settings.TargetCpuQuota);
        Assert.Null(settings.NoQuotaReason);
    }

    [Fact]
    public void Given_no_usable_cpu_controller_the_default_sweep_has_no_quota_and_keeps_the_host_s_reason()
    {
        const string reason = "cgroup v2: /sys/fs/cgroup/system.slice is not delegated to this user";

        var settings = SweepSettings.ForMachine(2, CgroupAccess.Unavailable("cpu", reason));

        Assert.Null(settings.TargetCpuQuota);
        Assert.Equal(reason, settings.NoQuotaReason);
        Assert.Equal("0", settings.TargetCpus?.ToString());
    }
}

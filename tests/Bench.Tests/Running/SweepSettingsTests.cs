using Bench.Launch;
using Bench.Running;
using Bench.Launch.Cgroups;
using Bench.Scenarios;
using Bench.Tests.Support;

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

    private static readonly SweepSettings Run = new() { TargetCpus = CpuSet.Of(0), GeneratorCpus = 1, TargetCpuQuota = 0.5 };

    private static Scenario Placed(string placement) => Assert.Single(new ScenarioLoader(
        FixtureCatalog.Models(), new PlacementHost(2, CgroupAccess.Available("cpu", CgroupVersion.V2, "/sys/fs/cgroup/b", "/sys/fs/cgroup/h"))).Parse($$"""
        name: gil
        description: d
        targets: [threads]
        request: { path: "/cpu?n=10" }
        load: { levels: [1, 2] }
        {{placement}}
        """, "gil.yaml"));

    [Fact]
    public void Given_a_scenario_placement_its_targets_get_its_cores_and_quota_and_the_generator_stays()
    {
        var own = Run.For(Placed("placement: { targetCpus: all, targetQuota: none }"));

        Assert.Equal("0-1", own.TargetCpus?.ToString());
        Assert.Null(own.TargetCpuQuota);
        Assert.Equal("scenario gil: targetQuota: none", own.NoQuotaReason);
        Assert.Equal(1, own.GeneratorCpus);
    }

    [Fact]
    public void Given_a_placement_with_only_cores_the_run_s_quota_stays_and_is_recorded()
    {
        var scenario = Placed("placement: { targetCpus: \"1\" }");

        Assert.Equal(0.5, Run.For(scenario).TargetCpuQuota);
        Assert.Equal(new Bench.Results.PlacementDefinition("1", 0.5), Run.PlacementOf(scenario));
    }

    [Fact]
    public void Given_no_placement_the_scenario_runs_under_the_run_s_settings_and_records_none()
    {
        var scenario = Placed("");

        Assert.Same(Run, Run.For(scenario));
        Assert.Null(Run.PlacementOf(scenario));
        Assert.Null(Run.PlacementNote(scenario));
    }

    [Fact]
    public void Given_no_pin_a_scenario_placement_is_ignored_and_said_so()
    {
        var unpinned = new SweepSettings { NoPin = true, NoQuotaReason = "--no-pin" };
        var scenario = Placed("placement: { targetCpus: all, targetQuota: 1 }");

        Assert.Same(unpinned, unpinned.For(scenario));
        Assert.Null(unpinned.PlacementOf(scenario));
        Assert.Equal("scenario gil: its placement is ignored under --no-pin (every target unpinned, no quota)", unpinned.PlacementNote(scenario));
    }

    [Fact]
    public void A_scenario_that_overrides_the_run_s_placement_gets_one_line_saying_where()
    {
        var note = Run.PlacementNote(Placed("placement: { targetCpus: all, targetQuota: none }"));

        Assert.Equal($"scenario gil: targets on cores 0-1, no quota (the run's: cores 0, quota 0.5 core); the generator stays on cores {string.Join(',', Bench.Load.Platform.CpuPlacement.Highest(1))}", note);
    }
}

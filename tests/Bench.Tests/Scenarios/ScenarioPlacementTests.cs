using Bench.Launch.Cgroups;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>A scenario's own <c>placement:</c>: read against the machine (cores, cgroup), every mistake one file:line:column line.</summary>
public sealed class ScenarioPlacementTests
{
    private const string Head = """
        name: gil
        description: valid
        targets: [async]
        request: { path: /hello }
        load: { levels: [1, 2] }

        """;

    private static readonly PlacementHost TwoCoresWithQuota =
        new(2, CgroupAccess.Available("cpu", CgroupVersion.V2, "/sys/fs/cgroup/bench", "/sys/fs/cgroup/home"));

    private static readonly PlacementHost TwoCoresNoCgroup = new(2, CgroupAccess.Unavailable("cpu", "cgroup v1: /sys/fs/cgroup/cpu is read-only"));

    private static Scenario Load(string placement, PlacementHost? host = null) =>
        Assert.Single(new ScenarioLoader(FixtureCatalog.Models(), host ?? TwoCoresWithQuota).Parse(Head + placement, "s.yaml"));

    private static string Error(string placement, PlacementHost? host = null)
    {
        var error = Assert.Throws<ScenarioException>(() => new ScenarioLoader(FixtureCatalog.Models(), host ?? TwoCoresWithQuota).Parse(Head + placement, "s.yaml"));
        return Assert.Single(error.Errors).ToString();
    }

    [Fact]
    public void Given_no_placement_the_scenario_keeps_the_run_s()
    {
        Assert.Null(Assert.Single(new ScenarioLoader(FixtureCatalog.Models(), TwoCoresWithQuota).Parse(Head, "s.yaml")).Placement);
    }

    [Fact]
    public void Given_all_cores_and_no_quota_then_every_core_of_the_machine_and_an_explicit_none()
    {
        var placement = Load("placement: { targetCpus: all, targetQuota: none }").Placement!;

        Assert.Equal("0-1", placement.TargetCpus?.ToString());
        Assert.True(placement.SetsQuota);
        Assert.Null(placement.TargetCpuQuota);
        Assert.Equal("s.yaml:6:12", $"{placement.Source.File}:{placement.Source.Line}:{placement.Source.Column}");
    }

    [Fact]
    public void Given_only_a_quota_then_the_cores_stay_the_run_s()
    {
        var placement = Load("placement: { targetQuota: 1.5 }").Placement!;

        Assert.Null(placement.TargetCpus);
        Assert.True(placement.SetsQuota);
        Assert.Equal(1.5, placement.TargetCpuQuota);
    }

    [Fact]
    public void Given_only_cores_then_the_quota_stays_the_run_s()
    {
        var placement = Load("placement: { targetCpus: \"1\" }").Placement!;

        Assert.Equal("1", placement.TargetCpus?.ToString());
        Assert.False(placement.SetsQuota);
    }

    [Fact]
    public void Given_no_cgroup_an_explicit_none_still_loads()
    {
        Assert.Null(Load("placement: { targetCpus: all, targetQuota: none }", TwoCoresNoCgroup).Placement!.TargetCpuQuota);
    }

    [Theory]
    [InlineData("placement: { targetCpus: 0-3 }", "s.yaml:6:26: placement.targetCpus: core 2 is not on this machine (its cores are 0-1)")]
    [InlineData("placement: { targetCpus: some }", "s.yaml:6:26: placement.targetCpus: found 'some'; expected a list of this machine's cores like 0 or 0-1 (0-1), or all")]
    [InlineData("placement: { targetQuota: 3 }", "s.yaml:6:27: placement.targetQuota: 3 cores is more than the cores it can use (this machine has 2)")]
    [InlineData("placement: { targetCpus: \"0\", targetQuota: 1.5 }", "s.yaml:6:44: placement.targetQuota: 1.5 cores is more than the cores it can use (targetCpus 0 has 1)")]
    [InlineData("placement: { targetQuota: 0 }", "s.yaml:6:27: placement.targetQuota: found '0'; expected a CPU quota in cores more than 0, like 0.5, or none")]
    [InlineData("placement: { targetQuota: \"0.5\" }", "s.yaml:6:27: placement.targetQuota: found the string \"0.5\"; expected a CPU quota in cores more than 0, like 0.5, or none")]
    [InlineData("placement: { targetCPUs: all }", "s.yaml:6:14: placement: unknown field 'targetCPUs'; did you mean 'targetCpus'? allowed: targetCpus, targetQuota")]
    [InlineData("placement: {}", "s.yaml:6:12: placement: empty; expected a mapping like { targetCpus: all, targetQuota: none } (leave placement out to keep the run's)")]
    [InlineData("placement: all", "s.yaml:6:12: placement: found 'all'; expected a mapping like { targetCpus: all, targetQuota: none }")]
    [InlineData("targetCpus: all", "s.yaml:6:1: unknown field 'targetCpus'; it belongs inside placement: { … }; allowed: name, description, claim, targets, request, load, simul, placement, background, cites, gates")]
    public void A_bad_placement_is_one_line_with_where_and_what_is_allowed(string placement, string expected)
    {
        Assert.Equal(expected, Error(placement));
    }

    [Fact]
    public void Given_no_usable_cpu_controller_a_quota_is_refused_with_the_host_s_reason()
    {
        Assert.Equal(
            "s.yaml:6:27: placement.targetQuota: needs a cgroup cpu controller Bench can use, and cgroup v1: /sys/fs/cgroup/cpu is read-only (write targetQuota: none)",
            Error("placement: { targetQuota: 0.5 }", TwoCoresNoCgroup));
    }
}

using Bench.Queueing;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Queueing;

/// <summary>The three predictions, by hand: R₀ = 20 ms, Z = 5 ms, S = 2 ms of CPU, 2 cores.</summary>
public sealed class QueueingModelTests
{
    private static readonly QueueingModel Model = new(ServiceMs: 20, ThinkMs: 5, CpuMsPerRequest: 2, Cores: 2);

    [Fact]
    public void Ideal_concurrency_is_N_over_service_plus_think_time()
    {
        Assert.Equal(40, Model.IdealRps(1), 9);      // 1 / 25 ms
        Assert.Equal(160, Model.IdealRps(4), 9);     // 4 / 25 ms
        Assert.Equal(10_240, Model.IdealRps(256), 9);
    }

    [Fact]
    public void A_server_that_handles_one_request_at_a_time_stays_at_one_over_R0()
    {
        Assert.Equal(50, Model.OneAtATimeRps, 9);    // 1 / 20 ms
        Assert.Equal(1.25, Model.OneAtATimeKnee, 9); // (20 + 5) / 20: where N/(R₀+Z) reaches 1/R₀
    }

    [Fact]
    public void Cpu_bound_work_is_capped_at_cores_over_S()
    {
        Assert.Equal(1000, Model.CpuCapRps!.Value, 9);   // 2 cores / 2 ms
        Assert.Equal(25, Model.CpuKnee!.Value, 9);       // 25 ms × 2 / 2 ms: where N/(R₀+Z) reaches the cap
        Assert.Equal(Model.CpuCapRps.Value, Model.IdealRps(Model.CpuKnee.Value), 9);
    }

    [Fact]
    public void Without_CPU_time_there_is_no_CPU_cap_and_without_latency_no_model()
    {
        Assert.Null((Model with { CpuMsPerRequest = 0 }).CpuCapRps);
        Assert.Null(QueueingModel.From(meanLatencyMs: 0, thinkMs: 0, cpuMsPerRequest: 1, cores: 1));
        Assert.Equal(new QueueingModel(20, 0, 0, 1), QueueingModel.From(20, thinkMs: -1, cpuMsPerRequest: -1, cores: 1));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-1", 2)]
    [InlineData("0,2-3", 3)]
    [InlineData(null, 8)]
    public void The_cores_are_the_targets_pinned_CPU_list_or_every_core_when_not_pinned(string? targetCpus, int cores)
    {
        var run = new RunInfo(new MachineInfo(8, "x"), "Linux", ".NET", "abc", new PinningInfo(targetCpus, "1"), DateTimeOffset.UnixEpoch, null);

        Assert.Equal(cores, TargetCores.Of(run));
    }

    [Theory]
    [InlineData("0", 0.5, 0.5)]
    [InlineData("0-1", 1.5, 1.5)]
    [InlineData("0", 3.0, 1.0)]
    public void A_cpu_quota_caps_the_cores(string targetCpus, double quota, double cores)
    {
        var run = new RunInfo(new MachineInfo(8, "x"), "Linux", ".NET", "abc", new PinningInfo(targetCpus, "1") { TargetCpuQuota = quota }, DateTimeOffset.UnixEpoch, null);

        Assert.Equal(cores, TargetCores.Of(run));
    }

    [Theory]
    [InlineData("0-1", null, 2.0)]
    [InlineData(null, null, 8.0)]
    [InlineData("0-1", 1.5, 1.5)]
    public void Given_a_scenario_with_its_own_placement_its_cores_replace_the_run_s(string? targetCpus, double? quota, double cores)
    {
        var run = new RunInfo(new MachineInfo(8, "x"), "Linux", ".NET", "abc", new PinningInfo("0", "1") { TargetCpuQuota = 0.5 }, DateTimeOffset.UnixEpoch, null);
        var own = ScenarioDefinition.From(SampleResults.Scenario()) with { Placement = new PlacementDefinition(targetCpus, quota) };

        Assert.Equal(cores, TargetCores.Of(run, own));
        Assert.Equal(0.5, TargetCores.Of(run, own with { Placement = null }));
    }
}

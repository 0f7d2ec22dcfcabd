using Bench.Cluster.Swarm;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Tests.Cluster.Swarm;

public sealed class ServiceLabelsTests
{
    [Fact]
    public void A_service_of_a_gone_Bench_on_this_machine_is_abandoned()
    {
        var gone = ServiceLabels.For(new ContainerLabels(int.MaxValue, 5, "l", "/repo"), "t", "here");

        Assert.True(ServiceLabels.Abandoned(gone, "here", ProcFs.System));
    }

    [Fact]
    public void A_service_of_a_live_Bench_or_of_another_machine_is_kept()
    {
        var alive = ServiceLabels.For(ContainerLabels.ForThisProcess(), "t", "here");
        var elsewhere = ServiceLabels.For(new ContainerLabels(int.MaxValue, 5, "l", "/repo"), "t", "there");

        Assert.False(ServiceLabels.Abandoned(alive, "here", ProcFs.System));
        Assert.False(ServiceLabels.Abandoned(elsewhere, "here", ProcFs.System));
        Assert.False(ServiceLabels.Abandoned(new Dictionary<string, string> { ["other"] = "x" }, "here", ProcFs.System));
    }
}

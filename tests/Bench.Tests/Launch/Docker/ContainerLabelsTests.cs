using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Tests.Launch.Docker;

public sealed class ContainerLabelsTests
{
    [Fact]
    public void This_process_owns_its_own_containers()
    {
        var labels = ContainerLabels.ForThisProcess();

        Assert.True(ContainerLabels.OwnerAlive(labels.For("t"), ProcFs.System));
        Assert.Equal(Environment.ProcessId, labels.OwnerPid);
        Assert.NotEqual(labels.Launcher, ContainerLabels.ForThisProcess().Launcher);
    }

    [Fact]
    public void A_live_pid_with_another_start_time_is_a_reused_pid_not_the_owner()
    {
        var labels = ContainerLabels.ForThisProcess() with { OwnerStartTime = 1 };

        Assert.False(ContainerLabels.OwnerAlive(labels.For("t"), ProcFs.System));
    }

    [Fact]
    public void A_gone_owner_or_unreadable_labels_mean_abandoned()
    {
        var gone = new ContainerLabels(int.MaxValue, 5, "l", "/repo");

        Assert.False(ContainerLabels.OwnerAlive(gone.For("t"), ProcFs.System));
        Assert.False(ContainerLabels.OwnerAlive(new Dictionary<string, string> { [ContainerLabels.Owner] = "x" }, ProcFs.System));
        Assert.False(ContainerLabels.OwnerAlive(new Dictionary<string, string>(), ProcFs.System));
    }
}

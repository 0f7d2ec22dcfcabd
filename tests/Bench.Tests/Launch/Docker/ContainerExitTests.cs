using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Tests.Launch.Docker;

public sealed class ContainerExitTests
{
    [Fact]
    public void A_kill_for_memory_names_the_limit_and_what_to_change()
    {
        var exit = ContainerTarget.Describe(new ContainerState { ExitCode = 137, OOMKilled = true }, 6L << 20);

        Assert.True(exit.OutOfMemory);
        Assert.Equal(137, exit.Code);
        Assert.Equal("was killed for exceeding its memory limit of 6m (out of memory, exit code 137); raise it (memory: in targets.yaml, or bench run --target-memory)", exit.Description);
    }

    [Fact]
    public void Any_other_end_is_its_exit_code()
    {
        var exit = ContainerTarget.Describe(new ContainerState { ExitCode = 3 });

        Assert.False(exit.OutOfMemory);
        Assert.Equal("exited with code 3", exit.Description);
    }
}

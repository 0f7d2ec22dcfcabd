using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Bench.Tests.Support;
using Docker.DotNet.Models;

namespace Bench.Tests.Launch.Docker;

public sealed class LeftoverContainersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Containers_of_a_gone_Bench_are_removed_and_those_of_a_live_one_are_kept()
    {
        using var engine = await DockerSupport.EngineAsync();
        var image = await ImageBuilder.EnsureAsync(engine, RepositoryFiles.Catalog().Find("async-docker")!.Container!.Image, Ct);
        var gone = new ContainerLabels(int.MaxValue, 1, $"gone{Guid.NewGuid():N}"[..16], "/nowhere");
        var alive = ContainerLabels.ForThisProcess();
        string abandoned = await CreateAsync(engine, image.Reference, gone);
        string kept = await CreateAsync(engine, image.Reference, alive);
        try
        {
            int removed = await LeftoverContainers.RemoveAbandonedAsync(engine.Client, ProcFs.System, Ct);

            Assert.True(removed >= 1);
            Assert.Empty(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, gone.Launcher, Ct));
            Assert.Equal(kept, Assert.Single(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, alive.Launcher, Ct)).ID);
        }
        finally
        {
            await LeftoverContainers.RemoveLauncherAsync(engine.Client, gone.Launcher, CancellationToken.None);
            await LeftoverContainers.RemoveLauncherAsync(engine.Client, alive.Launcher, CancellationToken.None);
        }

        Assert.Empty(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, alive.Launcher, Ct));
    }

    // Created, never started: a crashed run can leave containers in any state, and listing finds them all.
    private static async Task<string> CreateAsync(DockerEngine engine, string image, ContainerLabels labels) =>
        (await engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = image, Cmd = ["/nothing"], Labels = labels.For("leftover"), HostConfig = new HostConfig { NetworkMode = "none" } },
            Ct)).ID;
}

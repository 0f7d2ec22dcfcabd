using Bench.Cluster.Swarm;

namespace Bench.Tests.Cluster.Swarm;

public sealed class AgentImageTests
{
    [Fact]
    public void The_agent_image_holds_benchs_folder_and_the_dotnet_runtime_as_the_catalogues_dotnet_targets_do()
    {
        var recipe = AgentImage.Recipe("/opt/bench/", "/usr/share/dotnet");

        Assert.Equal(["/opt/bench", "/usr/share/dotnet/dotnet", "/usr/share/dotnet/host", "/usr/share/dotnet/shared"], recipe.Copy);
        Assert.Equal(["libssl.so.3", "libcrypto.so.3"], recipe.Libraries);
        Assert.Equal("/opt/bench/Bench", AgentImage.Executable("/opt/bench/"));
    }

    [Fact]
    public void The_catalogues_dotnet_image_copies_the_same_runtime()
    {
        var catalogue = Support.RepositoryFiles.Catalog().Find("async-docker")!.Container!.Image;
        var agent = AgentImage.ForThisProcess();

        Assert.Equal(catalogue.Copy.Skip(1), agent.Copy.Skip(1));
        Assert.Equal(catalogue.Libraries, agent.Libraries);
        Assert.Equal(AppContext.BaseDirectory.TrimEnd('/'), agent.Copy[0]);
    }
}

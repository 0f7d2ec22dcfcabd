using Bench.Cluster.Swarm;
using Bench.Launch.Docker;
using Bench.Tests.Launch.Docker;
using Bench.Tests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>The copy of an image from one engine to another, with no registry, on this machine's engine (its own image, saved, removed, loaded back).</summary>
public sealed class NodeImagesTests : IDisposable
{
    private readonly ImageFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_image_saved_from_one_engine_loads_into_another_with_its_tag()
    {
        using var engine = await DockerSupport.EngineAsync();
        var image = await ImageBuilder.EnsureAsync(engine, _files.Recipe, Ct);
        try
        {
            using var tar = new MemoryStream();
            await NodeImages.SaveAsync(engine, image.Reference, tar, Ct);
            await engine.Client.Images.DeleteImageAsync(image.Reference, new ImageDeleteParameters { Force = true }, Ct);
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => engine.Client.Images.InspectImageAsync(image.Reference, Ct));
            tar.Position = 0;

            await NodeImages.LoadAsync(engine, image.Reference, tar, Ct);

            var loaded = await engine.Client.Images.InspectImageAsync(image.Reference, Ct);
            Assert.Equal(image.Reference.Split(':')[1], loaded.Config.Labels[ImageBuilder.HashLabel]);
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(image.Reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_node_without_an_engine_endpoint_is_refused_with_the_option_that_names_one()
    {
        using var engine = await DockerSupport.EngineAsync();
        var images = new NodeImages(engine, "manager-id");
        var node = new SwarmNode("other-id", "box2", "10.231.0.12", Target: true, Generator: false, Manager: false);

        var e = await Assert.ThrowsAsync<ClusterException>(() => images.EnsureAsync(node, null, "bench-target:abc", Ct));

        Assert.Equal(
            "swarm node box2 (10.231.0.12) may lack the image bench-target:abc and Bench cannot give it one: name its engine with --node-engine box2=<endpoint> (like tcp://10.231.0.12:2376 with TLS)",
            e.Message);
        await images.EnsureAsync(node with { Id = "manager-id" }, null, "bench-target:abc", Ct); // the manager's own node has what it built
        Assert.Empty(images.Imported);
    }
}

using Bench.Cluster.Swarm;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;
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
        var images = new NodeImages(engine, "manager-id", new ImportMarker("ctl", 1, 1));
        var node = new SwarmNode("other-id", "box2", "10.231.0.12", Target: true, Generator: false, Manager: false);

        var e = await Assert.ThrowsAsync<ClusterException>(() => images.EnsureAsync(node, null, "bench-target:abc", Ct));

        Assert.Equal(
            "swarm node box2 (10.231.0.12) may lack the image bench-target:abc and Bench cannot give it one: name its engine with --node-engine box2=<endpoint> (like tcp://10.231.0.12:2376 with TLS)",
            e.Message);
        await images.EnsureAsync(node with { Id = "manager-id" }, null, "bench-target:abc", Ct); // the manager's own node has what it built
        Assert.Empty(images.Imported);
    }

    [Fact]
    public async Task An_import_marked_by_a_gone_Bench_on_this_host_is_removed_with_its_image_and_a_live_ones_kept()
    {
        using var engine = await DockerSupport.EngineAsync();
        var image = await ImageBuilder.EnsureAsync(engine, _files.Recipe, Ct);
        var alive = ImportMarker.For(ContainerLabels.ForThisProcess(), "ctl");
        var gone = new ImportMarker("ctl", int.MaxValue - 1, 42);
        var elsewhere = new ImportMarker("other-host", int.MaxValue - 1, 42);
        try
        {
            foreach (var marker in new[] { alive, gone, elsewhere })
            {
                await engine.Client.Images.TagImageAsync(image.Reference, new ImageTagParameters { RepositoryName = ImportMarker.Repository, Tag = marker.Tag(image.Reference) }, Ct);
            }

            // The gone Bench's marker goes; the image stays while a live import (and the other host's) still marks it.
            Assert.Equal([image.Reference], await NodeImages.RemoveAbandonedAsync(engine, "ctl", ProcFs.System, Ct));
            var tags = (await engine.Client.Images.InspectImageAsync(image.Reference, Ct)).RepoTags;
            Assert.DoesNotContain($"{ImportMarker.Repository}:{gone.Tag(image.Reference)}", tags);
            Assert.Contains($"{ImportMarker.Repository}:{alive.Tag(image.Reference)}", tags);
            Assert.Contains($"{ImportMarker.Repository}:{elsewhere.Tag(image.Reference)}", tags);

            // Once only a gone Bench marks it, the image goes with the marker.
            await engine.Client.Images.DeleteImageAsync($"{ImportMarker.Repository}:{alive.Tag(image.Reference)}", new ImageDeleteParameters(), Ct);
            await NodeImages.RemoveAbandonedAsync(engine, "other-host", ProcFs.System, Ct);
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => engine.Client.Images.InspectImageAsync(image.Reference, Ct));
        }
        finally
        {
            foreach (var marker in new[] { alive, gone, elsewhere })
            {
                await DeleteQuietlyAsync(engine, $"{ImportMarker.Repository}:{marker.Tag(image.Reference)}");
            }

            await DeleteQuietlyAsync(engine, image.Reference);
        }
    }

    [Fact]
    public void A_marker_tag_names_the_host_owner_and_image_and_reads_back()
    {
        var marker = new ImportMarker("vm.example.org", 4242, 777);

        string tag = marker.Tag("bench-target:0123456789abcdef");

        Assert.Equal("vm-example-org.4242.777.0123456789abcdef", tag);
        Assert.Equal((marker with { Host = "vm-example-org" }, "0123456789abcdef"), ImportMarker.ParseTag($"bench-import:{tag}"));
        Assert.Null(ImportMarker.ParseTag("bench-target:0123456789abcdef"));
        Assert.Null(ImportMarker.ParseTag("bench-import:nonsense"));
        Assert.True(new ImportMarker(new string('h', 200), int.MaxValue, long.MaxValue).Tag("bench-target:0123456789abcdef").Length <= 128);
    }

    private static async Task DeleteQuietlyAsync(DockerEngine engine, string reference)
    {
        try
        {
            await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerImageNotFoundException)
        {
            // Removed by the test itself.
        }
    }
}

using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Tests.Support;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Tests.Launch.Docker;

/// <summary>
/// Against the real engine (scripts/setup.sh docker starts one). The tiny images are built from this test's own
/// temporary files, so their hashes are unique to it, and it deletes them; the .NET image is shared and kept.
/// </summary>
public sealed class ImageBuilderTests : IDisposable
{
    private readonly ImageFiles _files = new();
    private readonly string _testLabel = Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ImageRecipe Tiny => _files.Recipe;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_image_is_built_once_then_found_and_runs_its_copied_files()
    {
        using var engine = await DockerSupport.EngineAsync();
        var first = await ImageBuilder.EnsureAsync(engine, Tiny, Ct);
        try
        {
            var second = await ImageBuilder.EnsureAsync(engine, Tiny, Ct);

            Assert.True(first.Built);
            Assert.Matches("^bench-target:[0-9a-f]{16}$", first.Reference);
            Assert.True(first.TarBytes > 0);
            Assert.False(second.Built);
            Assert.Equal(first.Reference, second.Reference);
            Assert.Equal(0, second.TarBytes);
            TestContext.Current.TestOutputHelper?.WriteLine($"tiny image: built in {first.Took.TotalMilliseconds:F0} ms ({first.TarBytes} tar bytes), found in {second.Took.TotalMilliseconds:F0} ms");

            var config = Container(first.Reference, [_files.True]);
            long exitCode = await RunToExitAsync(engine.Client, config);

            Assert.Equal(0, exitCode);
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(first.Reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_rebuilt_recipe_replaces_its_older_image_so_changes_do_not_pile_up()
    {
        using var engine = await DockerSupport.EngineAsync();
        var first = await ImageBuilder.EnsureAsync(engine, Tiny, Ct);
        await File.AppendAllTextAsync(_files.Notes, " changed", Ct);
        var second = await ImageBuilder.EnsureAsync(engine, Tiny, Ct);
        try
        {
            Assert.True(second.Built);
            Assert.NotEqual(first.Reference, second.Reference);
            await Assert.ThrowsAsync<DockerImageNotFoundException>(() => engine.Client.Images.InspectImageAsync(first.Reference, Ct));
            var labels = (await engine.Client.Images.InspectImageAsync(second.Reference, Ct)).Config.Labels;
            Assert.Equal(ImageBuilder.RecipeKey(Tiny), labels[ImageBuilder.RecipeLabel]);
        }
        finally
        {
            foreach (string reference in new[] { first.Reference, second.Reference })
            {
                try
                {
                    await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
                }
                catch (DockerImageNotFoundException)
                {
                }
            }
        }
    }

    [Fact]
    public async Task Concurrent_calls_for_one_recipe_build_it_once()
    {
        using var engine = await DockerSupport.EngineAsync();
        var images = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ImageBuilder.EnsureAsync(engine, Tiny, Ct)));
        try
        {
            Assert.Single(images, image => image.Built);
            Assert.Single(images.Select(image => image.Reference).Distinct());
        }
        finally
        {
            await engine.Client.Images.DeleteImageAsync(images[0].Reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_dotnet_image_serves_hello_as_an_unprivileged_user_on_a_read_only_root()
    {
        using var engine = await DockerSupport.EngineAsync();
        string targets = Path.GetDirectoryName(TargetsBinary.Locate())!;
        string root = TargetCatalogLoader.DotnetRoot();
        var recipe = RepositoryFiles.Catalog().Find("async-docker")!.Container!.Image;

        var image = await ImageBuilder.EnsureAsync(engine, recipe, Ct);
        var again = await ImageBuilder.EnsureAsync(engine, recipe, Ct);

        Assert.False(again.Built);
        Assert.Equal(image.Reference, again.Reference);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $".NET image {image.Reference}: {(image.Built ? $"built in {image.Took.TotalSeconds:F1} s ({image.TarBytes} tar bytes)" : "found")}, then found in {again.Took.TotalMilliseconds:F0} ms");

        int port = FreePort.Find();
        var config = Container(image.Reference, [Path.Combine(targets, "Bench.Targets"), "--model", "async", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        config.Env = [$"DOTNET_ROOT={root}", $"TMPDIR={ContainerRequest.ScratchDirectory}"];
        config.User = "65534:65534";
        config.HostConfig.ReadonlyRootfs = true;
        config.HostConfig.Tmpfs = new Dictionary<string, string> { [ContainerRequest.ScratchDirectory] = "" };
        string id = (await engine.Client.Containers.CreateContainerAsync(config, Ct)).ID;
        try
        {
            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), Ct);
            var response = await GetWhenReadyAsync(engine.Client, id, port);

            Assert.Equal(200, response.Status);
            Assert.Equal("Hello, World!", response.Body);
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    private CreateContainerParameters Container(string image, IList<string> command) => new()
    {
        Image = image,
        Cmd = command,
        Labels = new Dictionary<string, string> { ["bench.test"] = _testLabel },
        HostConfig = new HostConfig { NetworkMode = "host" },
    };

    private static async Task<long> RunToExitAsync(DockerClient client, CreateContainerParameters config)
    {
        string id = (await client.Containers.CreateContainerAsync(config, Ct)).ID;
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), Ct);
            return (await client.Containers.WaitContainerAsync(id, Ct)).StatusCode;
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    /// <summary>Asks until the server answers; a container that exits first fails the test with its output.</summary>
    private static async Task<ProbeResponse> GetWhenReadyAsync(DockerClient client, string id, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await HttpProbe.GetAsync(port, "/hello", TimeSpan.FromSeconds(2), Ct);
            }
            catch (Exception e) when (HttpProbe.IsProbeFailure(e) && DateTime.UtcNow < deadline)
            {
                var state = (await client.Containers.InspectContainerAsync(id, Ct)).State;
                if (!state.Running)
                {
                    using var logs = await client.Containers.GetContainerLogsAsync(id, false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, Ct);
                    var (stdout, stderr) = await logs.ReadOutputToEndAsync(Ct);
                    Assert.Fail($"the target exited ({state.ExitCode}) before answering:\n{stdout}{stderr}");
                }

                await Task.Delay(100, Ct);
            }
        }
    }
}

using System.Collections.Concurrent;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>
/// Gives swarm nodes the images Bench built on the manager, with no registry: `docker save` from the manager's engine
/// into a temporary file, `docker load` into the node's engine, both through the API. Remembers what it imported
/// where, and removes exactly that at the end; the manager's own images stay (its build cache, as for local targets).
/// Each import also carries a marker tag naming the Bench process that made it (<see cref="ImportMarker"/>), so what a
/// crashed run imported is found and removed by the next run from the same machine.
/// </summary>
internal sealed class NodeImages(DockerEngine manager, string managerNodeId, ImportMarker marker)
{
    // Only the images that carry an import marker: a node engine may hold many others.
    private static readonly ImagesListParameters MarkedImages = new()
    {
        Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [ImportMarker.Repository] = true } },
    };

    private readonly ConcurrentDictionary<(string Node, string Image), DockerEngine> _imported = new();
    private readonly ConcurrentDictionary<(string Node, string Image), SemaphoreSlim> _gates = new();

    /// <summary>Makes sure <paramref name="node"/> has <paramref name="image"/>; throws <see cref="ClusterException"/> when it cannot be given one.</summary>
    public async Task EnsureAsync(SwarmNode node, DockerEngine? engine, string image, CancellationToken cancellationToken)
    {
        if (node.Id == managerNodeId)
        {
            return;
        }

        if (engine is null)
        {
            throw new ClusterException(
                $"swarm node {node} may lack the image {image} and Bench cannot give it one: name its engine with --node-engine {node.Hostname}=<endpoint> (like tcp://{node.Address}:2376 with TLS)");
        }

        var key = (node.Id, image);
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await HasAsync(engine, image, cancellationToken))
            {
                return;
            }

            await CopyAsync(engine, image, cancellationToken);
            _imported[key] = engine;
            await engine.Client.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = ImportMarker.Repository, Tag = marker.Tag(image) }, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException)
        {
            throw new ClusterException($"could not copy the image {image} to swarm node {node}: {e.Message.Split('\n')[0]}");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What was imported, by node id, for the run's record and the tests.</summary>
    public IReadOnlyList<(string Node, string Image)> Imported => _imported.Keys.ToList();

    /// <summary>Removes every image this run imported into another node; one still used there (another run's container, another live import) stays.</summary>
    public async Task<IReadOnlyList<string>> RemoveImportedAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var ((node, image), engine) in _imported)
        {
            try
            {
                await RemoveAsync(engine, image, $"{ImportMarker.Repository}:{marker.Tag(image)}", cancellationToken);
                _imported.TryRemove((node, image), out _);
            }
            catch (Exception e) when (e is DockerApiException or IOException or HttpRequestException or OperationCanceledException)
            {
                problems.Add($"could not remove the image {image} Bench copied to node {node}: {e.Message.Split('\n')[0]}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Removes from <paramref name="engine"/> what runs of Bench on <paramref name="host"/> imported and could not remove
    /// (their process is gone, by their marker tags); returns the images removed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveAbandonedAsync(DockerEngine engine, string host, ProcFs procFs, CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        foreach (var found in await engine.Client.Images.ListImagesAsync(MarkedImages, cancellationToken))
        {
            foreach (string tag in found.RepoTags ?? [])
            {
                if (ImportMarker.ParseTag(tag) is var (owner, hash) && owner.Abandoned(host, procFs))
                {
                    await RemoveAsync(engine, $"{ImageBuilder.Repository}:{hash}", tag, cancellationToken);
                    removed.Add($"{ImageBuilder.Repository}:{hash}");
                }
            }
        }

        return removed;
    }

    /// <summary>Drops one import's marker, then the image itself unless another import still marks it (a container using it keeps it too).</summary>
    private static async Task RemoveAsync(DockerEngine engine, string image, string markerTag, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.DeleteImageAsync(markerTag, new ImageDeleteParameters { Force = false }, cancellationToken);
            var tags = (await engine.Client.Images.InspectImageAsync(image, cancellationToken)).RepoTags ?? [];
            if (!tags.Any(t => t.StartsWith(ImportMarker.Repository + ":", StringComparison.Ordinal)))
            {
                await engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = false }, cancellationToken);
            }
        }
        catch (DockerImageNotFoundException)
        {
            // Gone already.
        }
    }

    private static async Task<bool> HasAsync(DockerEngine engine, string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Through a temporary file, deleted on close: its length is known to the upload, and nothing is held in memory.</summary>
    private async Task CopyAsync(DockerEngine target, string image, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Path.GetTempPath(), $"bench-save-{Guid.NewGuid():N}.tar");
        await using var tar = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await SaveAsync(manager, image, tar, cancellationToken);
        tar.Position = 0;
        await LoadAsync(target, image, tar, cancellationToken);
    }

    /// <summary>`docker save` of <paramref name="image"/> into <paramref name="tar"/>.</summary>
    internal static async Task SaveAsync(DockerEngine from, string image, Stream tar, CancellationToken cancellationToken)
    {
        await using var saved = await from.Client.Images.SaveImageAsync(image, cancellationToken);
        await saved.CopyToAsync(tar, cancellationToken);
    }

    /// <summary>`docker load` of <paramref name="tar"/>; throws <see cref="IOException"/> when the engine reports an error or then lacks <paramref name="image"/>.</summary>
    internal static async Task LoadAsync(DockerEngine into, string image, Stream tar, CancellationToken cancellationToken)
    {
        var progress = new LoadProgress();
        await into.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, tar, progress, cancellationToken);
        if (progress.Error is { } error)
        {
            throw new IOException($"docker load failed: {error}");
        }

        if (!await HasAsync(into, image, cancellationToken))
        {
            throw new IOException($"docker load did not give the engine {image}");
        }
    }

    /// <summary>Synchronous, so the error is in before the call returns (as ImageBuilder's import progress).</summary>
    private sealed class LoadProgress : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            string? error = value.Error?.Message ?? value.ErrorMessage;
            if (!string.IsNullOrEmpty(error))
            {
                Error ??= error;
            }
        }
    }
}

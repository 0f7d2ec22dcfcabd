using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>
/// Makes sure the engine has a recipe's image, with no registry involved: plans the root filesystem from host files,
/// hashes it, and only when no image has that hash yet writes it as a tar and imports it (one layer, no base image).
/// </summary>
public static class ImageBuilder
{
    public const string Repository = "bench-target";

    /// <summary>Label every built image carries, set to its tag: how Bench's images are told from others.</summary>
    public const string HashLabel = "bench.image";

    /// <summary>
    /// Label naming the recipe (its paths and libraries, not their contents): a new build removes the recipe's older
    /// images, so rebuilding the targets after every change keeps one image per recipe, not one per change.
    /// </summary>
    public const string RecipeLabel = "bench.recipe";

    /// <summary>
    /// One gate per engine and image, so concurrent calls in this process for the same recipe import it once: the
    /// others wait, then find it. A semaphore rather than a shared task, so each caller keeps its own cancellation
    /// and one caller's failure is not handed to the rest. Gates are kept: a process meets a handful of images.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_gates = new(StringComparer.Ordinal);

    /// <summary>
    /// The image of <paramref name="recipe"/>, tagged <c>bench-target:&lt;hash16&gt;</c>: found (nothing written) or
    /// built. Throws <see cref="ImageRecipeException"/> for a bad recipe, and <see cref="InvalidOperationException"/>
    /// when the engine refuses the import.
    /// </summary>
    public static async Task<BuiltImage> EnsureAsync(DockerEngine engine, ImageRecipe recipe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var clock = Stopwatch.StartNew();
        var rootfs = await RootFilesystem.PlanAsync(recipe, cancellationToken);
        string tag = ImageHash.Tag(await ImageHash.ComputeAsync(rootfs, cancellationToken));
        string reference = $"{Repository}:{tag}";
        if (await ExistsAsync(engine, reference, cancellationToken))
        {
            return new BuiltImage(reference, Built: false, TarBytes: 0, clock.Elapsed);
        }

        var gate = s_gates.GetOrAdd($"{engine.Endpoint} {reference}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await ExistsAsync(engine, reference, cancellationToken))
            {
                return new BuiltImage(reference, Built: false, TarBytes: 0, clock.Elapsed);
            }

            string recipeKey = RecipeKey(recipe);
            long tarBytes = await ImportAsync(engine, rootfs, tag, recipeKey, cancellationToken);
            var image = await engine.Client.Images.InspectImageAsync(reference, cancellationToken);
            if (image.Config?.Labels is not { } labels || !labels.TryGetValue(HashLabel, out string? label) || label != tag)
            {
                throw new InvalidOperationException($"docker import of {reference} gave an image without the label {HashLabel}={tag}");
            }

            await RemoveOlderAsync(engine, recipeKey, image.ID, cancellationToken);
            return new BuiltImage(reference, Built: true, tarBytes, clock.Elapsed);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<bool> ExistsAsync(DockerEngine engine, string reference, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(reference, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Writes the tar to a temporary file (its size known, nothing held in memory), then imports it.</summary>
    private static async Task<long> ImportAsync(DockerEngine engine, RootFilesystem rootfs, string tag, string recipeKey, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Path.GetTempPath(), $"bench-image-{tag}-{Guid.NewGuid():N}.tar");

        // DeleteOnClose: the tar is gone once the stream is disposed, after the import or on failure or cancellation.
        await using var tar = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await ImageTar.WriteAsync(rootfs, tar, cancellationToken);
        long bytes = tar.Length;
        tar.Position = 0;

        var progress = new ImportProgress();
        var parameters = new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = Repository,
            Tag = tag,
            Changes = [$"LABEL {HashLabel}={tag} {RecipeLabel}={recipeKey}"],
        };
        await engine.Client.Images.CreateImageAsync(parameters, tar, null, progress, cancellationToken);
        if (progress.Error is { } error)
        {
            throw new InvalidOperationException($"docker import of {Repository}:{tag} failed: {error}");
        }

        return bytes;
    }

    /// <summary>The recipe's identity: its copy paths and libraries, hashed (16 hex digits).</summary>
    public static string RecipeKey(ImageRecipe recipe)
    {
        string text = string.Join('\n', recipe.Copy.Prepend("copy").Concat(recipe.Libraries.Prepend("libraries")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Removes the recipe's images other than <paramref name="currentId"/>; one still used by a container stays.</summary>
    private static async Task RemoveOlderAsync(DockerEngine engine, string recipeKey, string currentId, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{RecipeLabel}={recipeKey}"] = true } };
        foreach (var older in (await engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = filters }, cancellationToken)).Where(i => i.ID != currentId))
        {
            try
            {
                await engine.Client.Images.DeleteImageAsync(older.ID, new ImageDeleteParameters(), cancellationToken);
            }
            catch (DockerApiException)
            {
                // In use by a container (another run's), or gone already: the next build tries again.
            }
        }
    }

    /// <summary>
    /// Keeps the first error the import reports. Not <see cref="Progress{T}"/>: that one reports on the thread pool,
    /// possibly after the import has returned and the error been looked for.
    /// </summary>
    private sealed class ImportProgress : IProgress<JSONMessage>
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

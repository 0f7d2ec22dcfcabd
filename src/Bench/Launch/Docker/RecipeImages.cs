using System.Collections.Concurrent;

namespace Bench.Launch.Docker;

/// <summary>
/// Each recipe's image, found or built once per run: restarts, repeats and targets sharing a recipe reuse it instead of
/// walking and hashing its files again (121 MB for .NET), and the whole run measures one build. Shared by local docker
/// targets and by a cluster run (which builds on the swarm manager's engine).
/// </summary>
public sealed class RecipeImages(Action<string>? note)
{
    private readonly ConcurrentDictionary<string, string> _images = new(StringComparer.Ordinal);

    /// <summary>The image's reference; a recipe that cannot be built is <paramref name="fail"/>'s exception, given the error's first line.</summary>
    public async Task<string> EnsureAsync(DockerEngine engine, ImageRecipe recipe, string what, Func<string, Exception> fail, CancellationToken cancellationToken)
    {
        string key = ImageBuilder.RecipeKey(recipe);
        if (_images.TryGetValue(key, out string? known))
        {
            return known;
        }

        BuiltImage image;
        try
        {
            image = await ImageBuilder.EnsureAsync(engine, recipe, cancellationToken);
        }
        catch (Exception e) when (e is ImageRecipeException or InvalidOperationException or global::Docker.DotNet.DockerApiException or IOException)
        {
            throw fail(e.Message.Split('\n')[0]);
        }

        if (image.Built)
        {
            note?.Invoke($"built image {image.Reference} for {what} ({image.TarBytes / (1024 * 1024.0):0} MiB in {image.Took.TotalSeconds:0.0} s)");
        }

        return _images.GetOrAdd(key, image.Reference);
    }
}

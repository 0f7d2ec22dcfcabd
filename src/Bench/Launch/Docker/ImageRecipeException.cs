namespace Bench.Launch.Docker;

/// <summary>An <see cref="ImageRecipe"/> that cannot be built: one line naming the path or library at fault.</summary>
public sealed class ImageRecipeException(string message) : Exception(message);

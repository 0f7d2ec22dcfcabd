using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Cluster.Swarm;

/// <summary>
/// The load agent's image: Bench's own output folder (its executable and every assembly beside it) and the .NET it
/// runs on, copied as the catalogue's .NET targets copy theirs (targets.yaml, async-docker): the dotnet host, its
/// host/ and shared/ folders, and the OpenSSL libraries .NET loads at run time.
/// </summary>
public static class AgentImage
{
    /// <summary>Bench's executable inside the image: at its own path, as every copied file is.</summary>
    public static string Executable(string benchDirectory) => Path.Combine(benchDirectory, "Bench");

    public static ImageRecipe Recipe(string benchDirectory, string dotnetRoot) => new(
        [benchDirectory.TrimEnd('/'), $"{dotnetRoot}/dotnet", $"{dotnetRoot}/host", $"{dotnetRoot}/shared"],
        ["libssl.so.3", "libcrypto.so.3"]);

    /// <summary>This Bench: <see cref="AppContext.BaseDirectory"/> and the .NET it runs on.</summary>
    public static ImageRecipe ForThisProcess() => Recipe(AppContext.BaseDirectory, TargetCatalogLoader.DotnetRoot());
}

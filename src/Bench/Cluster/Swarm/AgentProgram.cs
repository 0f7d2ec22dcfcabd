using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Cluster.Swarm;

/// <summary>The Bench an agent service runs: the image made of a Bench output folder (<see cref="AgentImage"/>) and its executable there.</summary>
public sealed record AgentProgram(ImageRecipe Recipe, string Executable)
{
    /// <summary>The Bench in <paramref name="benchDirectory"/>, on the .NET this process runs on.</summary>
    public static AgentProgram At(string benchDirectory) =>
        new(AgentImage.Recipe(benchDirectory, TargetCatalogLoader.DotnetRoot()), AgentImage.Executable(benchDirectory));

    /// <summary>This Bench: <see cref="AppContext.BaseDirectory"/>.</summary>
    public static AgentProgram ForThisProcess() => At(AppContext.BaseDirectory);
}

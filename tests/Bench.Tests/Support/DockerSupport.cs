using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Tests.Support;

/// <summary>
/// The Docker engine the docker tests use. scripts/test.sh starts one (scripts/setup.sh docker), so an engine that
/// does not answer fails those tests with that hint instead of skipping them: a skipped test would hide a missing
/// install step in CI.
/// </summary>
public static class DockerSupport
{
    public static async Task<DockerEngine> EngineAsync()
    {
        try
        {
            return await DockerEngine.ConnectAsync(Environment.GetEnvironmentVariable("DOCKER_HOST"), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        catch (DockerUnavailableException e)
        {
            Assert.Fail($"the docker tests need a Docker engine: {e.Message}");
            throw;
        }
    }

    /// <summary>Containers, running or not, whose Bench owner label names <paramref name="pid"/>.</summary>
    public static async Task<IList<ContainerListResponse>> ContainersOwnedByAsync(int pid)
    {
        using var engine = await EngineAsync();
        return await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.Owner, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
    }
}

using Bench.Launch.Sampling;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>Finds Bench's containers by label and removes them: a crashed run's at start-up, a launcher's own at the end.</summary>
public static class LeftoverContainers
{
    /// <summary>Removes every Bench container whose owning process is gone (a run killed before it could clean up).</summary>
    public static Task<int> RemoveAbandonedAsync(DockerClient client, ProcFs procFs, CancellationToken cancellationToken) =>
        RemoveAsync(client, ContainerLabels.Owner, null, c => !ContainerLabels.OwnerAlive(c.Labels, procFs), cancellationToken);

    /// <summary>Removes every container one launcher started and still has.</summary>
    public static Task<int> RemoveLauncherAsync(DockerClient client, string launcher, CancellationToken cancellationToken) =>
        RemoveAsync(client, ContainerLabels.LauncherKey, launcher, _ => true, cancellationToken);

    /// <summary>The ids of Bench's containers carrying <paramref name="label"/> (= <paramref name="value"/> when given), running or not.</summary>
    public static async Task<IList<ContainerListResponse>> ListAsync(DockerClient client, string label, string? value, CancellationToken cancellationToken) =>
        await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [value is null ? label : $"{label}={value}"] = true },
                },
            },
            cancellationToken);

    private static async Task<int> RemoveAsync(
        DockerClient client, string label, string? value, Func<ContainerListResponse, bool> abandoned, CancellationToken cancellationToken)
    {
        int removed = 0;
        foreach (var container in (await ListAsync(client, label, value, cancellationToken)).Where(abandoned))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
                removed++;
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed meanwhile (its own launcher got there first).
            }
        }

        return removed;
    }
}

using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>Finds Bench's swarm services by label and removes them: a crashed run's at connect, a run's own at the end.</summary>
public static class LeftoverServices
{
    /// <summary>Bench's services carrying <paramref name="label"/> (= <paramref name="value"/> when given).</summary>
    public static async Task<IReadOnlyList<SwarmService>> ListAsync(DockerClient client, string label, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var filter = new ServiceFilter { Label = [value is null ? label : $"{label}={value}"] };
        return (await client.Swarm.ListServicesAsync(new ServicesListParameters { Filters = filter }, cancellationToken)).ToList();
    }

    /// <summary>Removes the services a Bench on <paramref name="host"/> made and could not remove (its process is gone); returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> RemoveAbandonedAsync(DockerClient client, string host, ProcFs procFs, CancellationToken cancellationToken)
    {
        var abandoned = (await ListAsync(client, ContainerLabels.Owner, null, cancellationToken))
            .Where(s => ServiceLabels.Abandoned(s.Spec.Labels ?? new Dictionary<string, string>(), host, procFs))
            .Select(s => s.ID)
            .ToList();
        return await RemoveAsync(client, abandoned, cancellationToken);
    }

    /// <summary>Removes every service one launcher (one run's cluster) made; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> RemoveLauncherAsync(DockerClient client, string launcher, CancellationToken cancellationToken) =>
        await RemoveAsync(client, (await ListAsync(client, ContainerLabels.LauncherKey, launcher, cancellationToken)).Select(s => s.ID).ToList(), cancellationToken);

    private static async Task<IReadOnlyList<string>> RemoveAsync(DockerClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        foreach (string id in ids)
        {
            try
            {
                await client.Swarm.RemoveServiceAsync(id, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Removed meanwhile.
            }
        }

        return ids;
    }
}

using Bench.Cluster.Swarm;
using Bench.Launch.Dependencies;
using Bench.Launch.Docker;
using Bench.Launch.Proxies;

namespace Bench.Launch;

/// <summary>
/// Starts any catalogue entry (unless it lacks what it requires): a process directly, a docker target through one <see cref="DockerTargets"/> shared by
/// the whole run (one engine connection, one image build per recipe, one clean-up); the dependencies an entry needs
/// (redis-server) through one <see cref="DependencySet"/>, started before it and shared by the run; a proxy in front of
/// replicas (<see cref="TargetDefinition.Topology"/>) as a <see cref="TopologyTarget"/>, its pieces started through this launcher. Disposing it removes
/// every container the run still has and stops every dependency. With a <see cref="SwarmCluster"/> (a cluster run), every
/// entry goes to the swarm instead: a docker target as a service on a target node, anything else refused with the reason.
/// </summary>
public sealed class TargetLauncher(DockerTargets docker, SwarmCluster? cluster = null) : IAsyncDisposable
{
    /// <summary>
    /// A launcher whose docker targets use $DOCKER_HOST, else the default socket; <paramref name="run"/> names the run on
    /// its containers' labels; with <paramref name="cluster"/>, its targets are placed on that swarm.
    /// </summary>
    public static TargetLauncher ForEnvironment(Action<string>? note = null, string run = "bench", SwarmCluster? cluster = null) =>
        new(new DockerTargets(Environment.GetEnvironmentVariable("DOCKER_HOST"), note, run), cluster);

    public DockerTargets Docker { get; } = docker;

    /// <summary>The swarm targets are placed on; null for a local run. Not disposed here: whoever connected it removes its services.</summary>
    public SwarmCluster? Cluster { get; } = cluster;

    public DependencySet Dependencies { get; } = new();

    /// <summary>Starts it; an entry missing what it requires is a <see cref="TargetStartException"/> of one line naming the package.</summary>
    public async Task<IRunningTarget> StartAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        if (Cluster is not null)
        {
            return await Cluster.StartTargetAsync(definition, options, cancellationToken);
        }

        if (definition.Requires.Missing() is { } missing)
        {
            throw new TargetStartException(definition.Name, missing, "");
        }

        if (definition.Topology is { } topology)
        {
            return await TopologyTarget.StartAsync(definition, topology, StartAsync, options, cancellationToken);
        }

        if (definition.Needs.Count > 0)
        {
            options = options with { DependencyPorts = await Dependencies.EnsureAsync(definition, options, cancellationToken) };
        }

        return definition.Kind == TargetKind.Docker
            ? await Docker.StartAsync(definition, options, cancellationToken)
            : await TargetProcess.StartAsync(definition, options, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Dependencies.DisposeAsync();
        await Docker.DisposeAsync();
    }
}

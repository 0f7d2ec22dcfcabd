using Bench.Cluster;
using Bench.Cluster.Swarm;
using Bench.Load;
using Bench.Results;

namespace Bench.Cli;

/// <summary>
/// Where a run's load comes from: this process's engine, agents given by address (--agents), or a swarm (--cluster)
/// on which Bench places the agents and the targets. Disposing it removes what it placed on the swarm.
/// </summary>
public sealed class LoadSource : IAsyncDisposable
{
    private LoadSource(ILoadGenerator generator, ClusterInfo? info, SwarmCluster? swarm)
    {
        Generator = generator;
        Info = info;
        Swarm = swarm;
    }

    public ILoadGenerator Generator { get; }

    /// <summary>For results.json's <c>run.cluster</c>; null for a local run.</summary>
    public ClusterInfo? Info { get; }

    /// <summary>The swarm the targets go to; null unless --cluster.</summary>
    public SwarmCluster? Swarm { get; }

    public static LoadSource Local() => new(new LoadEngine(), null, null);

    /// <summary>Agents already running; each has answered its clock (else an <see cref="AgentException"/>).</summary>
    public static async Task<LoadSource> AgentsAsync(IReadOnlyList<AgentEndpoint> agents, TextWriter output, CancellationToken cancellationToken)
    {
        var pool = new AgentPool(agents);
        await SayClocksAsync(pool, output, cancellationToken);
        return new LoadSource(pool, new ClusterInfo(null, [], agents.Select(a => a.ToString()).ToArray()), null);
    }

    /// <summary>
    /// Connects to the swarm at <paramref name="manager"/>, starts <paramref name="perNode"/> agents on every generator
    /// node and waits for their clocks; anything wrong is a <see cref="ClusterException"/> or <see cref="AgentException"/>,
    /// after which nothing of this run is left on the swarm.
    /// </summary>
    public static async Task<LoadSource> SwarmAsync(
        string manager, IReadOnlyDictionary<string, string> nodeEngines, int perNode, string run, TextWriter output, CancellationToken cancellationToken)
    {
        var swarm = await SwarmCluster.ConnectAsync(manager, nodeEngines, run, note => output.WriteLine($"bench run: {note}"), cancellationToken);
        try
        {
            foreach (var node in swarm.Nodes)
            {
                await output.WriteLineAsync($"bench run: swarm node {node}: {string.Join(", ", Roles(node).DefaultIfEmpty("no role"))}");
            }

            var agents = await swarm.StartAgentsAsync(perNode, AllowedHosts.Current.ToString(), cancellationToken);
            var pool = new AgentPool(agents);
            await SayClocksAsync(pool, output, cancellationToken);
            var nodes = swarm.Nodes.Select(n => new ClusterNode(n.Id, n.Hostname, n.Address, Roles(n))).ToArray();
            return new LoadSource(pool, new ClusterInfo(swarm.ManagerEndpoint, nodes, agents.Select(a => a.ToString()).ToArray()), swarm);
        }
        catch
        {
            await swarm.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Swarm is not null)
        {
            await Swarm.DisposeAsync();
        }
    }

    private static string[] Roles(SwarmNode node) =>
        [.. node.Target ? ["target"] : Array.Empty<string>(), .. node.Generator ? ["generator"] : Array.Empty<string>()];

    private static async Task SayClocksAsync(AgentPool pool, TextWriter output, CancellationToken cancellationToken)
    {
        var clocks = await pool.ClocksAsync(cancellationToken);
        for (int i = 0; i < clocks.Count; i++)
        {
            await output.WriteLineAsync($"bench run: agent {pool.Agents[i]}: clock {clocks[i].Offset.TotalMilliseconds:+0.0;-0.0} ms ± {clocks[i].RoundTrip.TotalMilliseconds / 2:0.0} ms");
        }
    }
}

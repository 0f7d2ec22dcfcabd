using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>The tasks of an agent's global service: one per node it is placed on, each listening on its node's address when it is up.</summary>
internal static class AgentTasks
{
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Until the service's task on every one of <paramref name="nodes"/> runs and its port accepts a connection; a task that ends, or time running out, is a <see cref="ClusterException"/> with the task's state.</summary>
    public static async Task WaitListeningAsync(DockerClient manager, string service, string agent, int port, IReadOnlyList<SwarmNode> nodes, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AgentTimeout);
        var waiting = nodes.ToDictionary(n => n.Id, _ => "no task scheduled yet");
        try
        {
            while (waiting.Count > 0)
            {
                var tasks = await ServiceTasks.ListAsync(manager, service, limit.Token);
                foreach (var node in nodes.Where(n => waiting.ContainsKey(n.Id)))
                {
                    var task = tasks.FirstOrDefault(t => t.NodeID == node.Id);
                    if (task is null)
                    {
                        continue;
                    }

                    waiting[node.Id] = ServiceTasks.Summary(task);
                    if (ServiceTasks.HasEnded(task.Status.State))
                    {
                        throw new ClusterException($"{agent} on swarm node {node} ended before it listened: {ServiceTasks.Describe(task).Description}");
                    }

                    if (task.Status.State == TaskState.Running && await NodePorts.ConnectProblemAsync(node.IpAddress, port, limit.Token) is null)
                    {
                        waiting.Remove(node.Id);
                    }
                }

                if (waiting.Count > 0)
                {
                    await Task.Delay(Poll, limit.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var late = nodes.Where(n => waiting.ContainsKey(n.Id)).Select(n => $"{n} ({waiting[n.Id]})");
            throw new ClusterException($"{agent} did not listen within {AgentTimeout.TotalSeconds:0} s on {string.Join(", ", late)}");
        }
    }
}

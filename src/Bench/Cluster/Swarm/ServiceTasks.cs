using Bench.Launch;
using Bench.Launch.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>A service's tasks as the manager reports them: listing, how one ended, and waiting until they are gone.</summary>
public static class ServiceTasks
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The states a task never leaves: it ran and ended, or never could run.</summary>
    public static bool HasEnded(TaskState state) =>
        state is TaskState.Complete or TaskState.Failed or TaskState.Rejected or TaskState.Shutdown or TaskState.Orphaned or TaskState.Remove;

    /// <summary>The service's tasks, newest first (a service that is gone has none).</summary>
    public static async Task<IReadOnlyList<TaskResponse>> ListAsync(DockerClient client, string service, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [service] = true } };
        try
        {
            var tasks = await client.Tasks.ListAsync(new TasksListParameters { Filters = filters }, cancellationToken);
            return tasks.OrderByDescending(t => t.CreatedAt).ToList();
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    /// <summary>The service's newest task (with restart policy none, its only one); null when it has none.</summary>
    public static async Task<TaskResponse?> NewestAsync(DockerClient client, string service, CancellationToken cancellationToken)
    {
        var tasks = await ListAsync(client, service, cancellationToken);
        return tasks.Count > 0 ? tasks[0] : null;
    }

    /// <summary>How a task ended, in one line: its exit code, the swarm's state and message, and the error when there is one.</summary>
    public static TargetExit Describe(TaskResponse task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = task.Status ?? new Docker.DotNet.Models.TaskStatus();
        int code = (int)(status.ContainerStatus?.ExitCode ?? -1);
        return new TargetExit(code, false, $"{Summary(task)}{(status.ContainerStatus is null ? "" : $" (exit code {code})")}");
    }

    /// <summary>The task's state, message and error, as `docker service ps` shows them: "failed: task: non-zero exit (1)".</summary>
    public static string Summary(TaskResponse task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = task.Status ?? new Docker.DotNet.Models.TaskStatus();
        string state = status.State.ToString().ToLowerInvariant();
        string message = string.IsNullOrWhiteSpace(status.Err) ? status.Message ?? "" : $"{status.Message}: {status.Err}";
        return string.IsNullOrWhiteSpace(message) ? $"task {state}" : $"task {state} ({message.Trim()})";
    }

    /// <summary>Waits until the manager lists no task of any of <paramref name="services"/> (their containers removed); false when time ran out.</summary>
    public static async Task<bool> WaitGoneAsync(DockerClient client, IReadOnlyCollection<string> services, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool any = false;
            foreach (string service in services)
            {
                any |= (await ListAsync(client, service, cancellationToken)).Count > 0;
            }

            if (!any)
            {
                return true;
            }

            try
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>The label the engine puts on every task's container: the service it belongs to.</summary>
    public const string ServiceIdLabel = "com.docker.swarm.service.id";

    /// <summary>
    /// Waits until the node's engine has no container of <paramref name="service"/> left: the swarm's agent removes them a
    /// moment after their tasks are gone. Those still there after <paramref name="patience"/> are removed directly.
    /// </summary>
    public static async Task WaitContainersGoneAsync(DockerClient engine, string service, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(patience);
        try
        {
            while ((await LeftoverContainers.ListAsync(engine, ServiceIdLabel, service, limit.Token)).Count > 0)
            {
                await Task.Delay(Poll, limit.Token);
            }

            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still there: removed below.
        }

        foreach (var container in await LeftoverContainers.ListAsync(engine, ServiceIdLabel, service, cancellationToken))
        {
            try
            {
                await engine.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed meanwhile.
            }
        }
    }
}

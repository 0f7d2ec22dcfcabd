using System.Net;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Bench.Launch.Verification;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>
/// A docker target running as a swarm service on a target node (<see cref="ServiceSpecs.ForTarget"/>): ready when its
/// service's log stream prints the readiness line (or its port on the node's address answers HTTP) and that address and
/// port accept a connection from here; how it ended comes from its task; measured through its node's engine; stopped by
/// scaling it to no replica (SIGTERM, a kill after the grace) and always removed, its task gone.
/// </summary>
public sealed class SwarmTarget : IRunningTarget
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ContainerPatience = TimeSpan.FromSeconds(10);

    private readonly DockerClient _manager;
    private readonly DockerClient? _nodeEngine;
    private readonly AgentEndpoint? _sampler;
    private readonly Action<string> _note;
    private readonly ReadinessSignal _ready;
    private readonly ContainerOutput _output;
    private readonly CancellationTokenSource _following = new();
    private Task _logs = Task.CompletedTask;
    private Task _watcher = Task.CompletedTask;
    private string _lastState = "task not scheduled yet";
    private bool _removed;

    private SwarmTarget(DockerClient manager, NodeAccess access, SwarmNode node, TargetDefinition definition, string serviceId, int plannedPort)
    {
        _manager = manager;
        (_nodeEngine, _sampler, _note) = access;
        Node = node;
        Definition = definition;
        ServiceId = serviceId;
        _ready = new ReadinessSignal(definition, plannedPort, node.IpAddress);
        _output = new ContainerOutput(_ready.OnStdout);
    }

    public TargetDefinition Definition { get; }

    /// <summary>The swarm's id of its service.</summary>
    public string ServiceId { get; }

    /// <summary>The node it runs on.</summary>
    public SwarmNode Node { get; }

    public IPAddress Address => Node.IpAddress;

    public int Port { get; private set; }

    /// <summary>Never pinned: a swarm service cannot be.</summary>
    public CpuSet? Cpus => null;

    /// <summary>The image it runs, by the reference Bench gave it (bench-target:&lt;hash of its files&gt;).</summary>
    public required string Image { get; init; }

    /// <summary>Its memory limit, as the service sets it.</summary>
    public long MemoryLimitBytes { get; private init; }

    /// <summary>Its task's container on its node, once the swarm has started it.</summary>
    public string? ContainerId { get; private set; }

    /// <summary>Its container's first process, in its node's process ids (what the sampling agent there reads in /proc).</summary>
    public int HostPid { get; private set; }

    public string StderrTail => _output.StderrTail;

    /// <summary>Creates the service on <paramref name="node"/>, listening on <paramref name="port"/>, and waits until it is ready and reachable; a failure names it, says the task's state and quotes its stderr.</summary>
    internal static async Task<SwarmTarget> StartAsync(
        DockerClient manager, NodeAccess access, SwarmNode node, TargetDefinition definition, string image, int port, TargetLaunchOptions options,
        ContainerLabels labels, string host, CancellationToken cancellationToken)
    {
        var spec = ServiceSpecs.ForTarget(definition, image, port, options, labels, host, node);
        string id;
        try
        {
            id = (await manager.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec }, cancellationToken)).ID;
        }
        catch (DockerApiException e)
        {
            throw new TargetStartException(definition.Name, $"the swarm would not create its service: {FirstLine(e)}", "");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new TargetStartException(definition.Name, $"the swarm manager stopped answering: {e.Message}", "");
        }

        var target = new SwarmTarget(manager, access, node, definition, id, port) { Image = image, MemoryLimitBytes = spec.TaskTemplate.Resources.Limits.MemoryBytes };
        try
        {
            var logs = new ServiceLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
            target._logs = target._output.FollowAsync(token => manager.Swarm.GetServiceLogsAsync(id, tty: false, logs, token), target._following.Token);
            target._watcher = target.FailReadinessWhenItEndsAsync(target._following.Token);
            target._ready.StartProbing(options.ProbeInterval, target._following.Token);
            target.Port = await target._ready.Port.WaitAsync(options.ReadyTimeout, cancellationToken);
            await target.EnsureReachableAsync(cancellationToken);
            await target.FindContainerAsync(cancellationToken);
            return target;
        }
        catch (TimeoutException)
        {
            string tail = target.StderrTail;
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"not ready within {options.ReadyTimeout.TotalSeconds:0.#} s on swarm node {node} ({target._lastState})", tail);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"the swarm stopped answering while it started: {e.Message.Split('\n')[0]}", "");
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public async Task<TargetExit?> CheckExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await ServiceTasks.NewestAsync(_manager, ServiceId, cancellationToken) is not { } task)
            {
                return new TargetExit(-1, false, "vanished (its swarm service was removed by someone else)");
            }

            if (!ServiceTasks.HasEnded(task.Status.State))
            {
                return null;
            }

            return await KilledForMemoryAsync(cancellationToken) ?? ServiceTasks.Describe(task);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return new TargetExit(-1, false, $"is out of reach: the swarm manager stopped answering ({e.Message})");
        }
    }

    /// <summary>
    /// Its processes from its node's /proc, by the sampling agent there, and its container from its node's engine stats;
    /// what Bench cannot reach is left out (<see cref="ServiceMeter"/>).
    /// </summary>
    public Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Task.FromResult<IResourceMeter>(new ServiceMeter(
            _nodeEngine is not null && ContainerId is not null ? ContainerStatsMeter.Prepare(_nodeEngine, ContainerId, MemoryLimitBytes) : null,
            _sampler is { } agent && HostPid > 0 ? token => new AgentClient(agent).SampleAsync(HostPid, token) : null,
            timeProvider,
            problem => _note($"{Definition.Name}: {problem}")));

    /// <summary>Scales the service to no replica (the swarm sends SIGTERM, kills after <paramref name="grace"/>), returns the task's exit code, then removes the service.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        int code = -1;
        try
        {
            var service = await _manager.Swarm.InspectServiceAsync(ServiceId, CancellationToken.None);
            var spec = service.Spec;
            spec.Mode.Replicated.Replicas = 0;
            spec.TaskTemplate.ContainerSpec.StopGracePeriod = (long)grace.TotalNanoseconds;
            await _manager.Swarm.UpdateServiceAsync(ServiceId, new ServiceUpdateParameters { Service = spec, Version = (long)service.Version.Index }, CancellationToken.None);
            using var limit = new CancellationTokenSource(grace + TimeSpan.FromSeconds(10));
            while (!limit.IsCancellationRequested)
            {
                var task = await ServiceTasks.NewestAsync(_manager, ServiceId, limit.Token);
                if (task is null || ServiceTasks.HasEnded(task.Status.State))
                {
                    code = (int)(task?.Status.ContainerStatus?.ExitCode ?? -1);
                    break;
                }

                await Task.Delay(Poll, limit.Token);
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Gone, or the manager is: removal below does what can be done.
        }

        await DisposeAsync();
        return code;
    }

    /// <summary>Removes the service and waits until its task is gone; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_removed)
        {
            return;
        }

        _removed = true;
        using var limit = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await _manager.Swarm.RemoveServiceAsync(ServiceId, limit.Token);
            await ServiceTasks.WaitGoneAsync(_manager, [ServiceId], limit.Token);
            if (_nodeEngine is not null)
            {
                await ServiceTasks.WaitContainersGoneAsync(_nodeEngine, ServiceId, ContainerPatience, limit.Token);
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Gone already, or the manager is: the cluster's own clean-up (by label) and the next run's try again.
        }
        finally
        {
            await _following.CancelAsync();
            await Task.WhenAll(_logs, _watcher);
            _following.Dispose();
        }
    }

    private async Task<TargetExit?> KilledForMemoryAsync(CancellationToken cancellationToken)
    {
        if (_nodeEngine is null || ContainerId is null)
        {
            return null;
        }

        try
        {
            var state = (await _nodeEngine.Containers.InspectContainerAsync(ContainerId, cancellationToken)).State;
            return state.OOMKilled ? ContainerTarget.Describe(state, MemoryLimitBytes) : null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return null; // removed with its task: the task's own account is what there is
        }
    }

    /// <summary>Ready on its node is not enough: the sweep connects from here, so the node's address must answer.</summary>
    private async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        HttpProbe.EnsureAllowed(Address);
        if (await NodePorts.WaitAcceptsAsync(Address, Port, ReachTimeout, cancellationToken) is { } problem)
        {
            throw new TargetStartException(Definition.Name,
                $"is ready on swarm node {Node} but does not answer at {Address}:{Port} ({problem}); a target listening on its node's 127.0.0.1 only is reachable from that node alone", StderrTail);
        }
    }

    /// <summary>Its task's container and that container's first process on the node, as the swarm reports them once it runs.</summary>
    private async Task FindContainerAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ReachTimeout);
        while (true)
        {
            var status = (await ServiceTasks.NewestAsync(_manager, ServiceId, limit.Token))?.Status.ContainerStatus;
            if (status is { ContainerID.Length: > 0, PID: > 0 })
            {
                (ContainerId, HostPid) = (status.ContainerID, (int)status.PID);
                return;
            }

            await Task.Delay(Poll, limit.Token);
        }
    }

    /// <summary>
    /// Follows its task until it is ready: keeps its state for a timeout's message and its container's id, and when the
    /// task ends first (the target exited, or the node refused it: no image, no such node), fails readiness with why.
    /// </summary>
    private async Task FailReadinessWhenItEndsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!_ready.IsSet)
            {
                var task = await ServiceTasks.NewestAsync(_manager, ServiceId, cancellationToken);
                if (task is not null)
                {
                    _lastState = ServiceTasks.Summary(task);
                    ContainerId = task.Status.ContainerStatus?.ContainerID is { Length: > 0 } id ? id : ContainerId;
                    if (ServiceTasks.HasEnded(task.Status.State))
                    {
                        // The log stream may still carry the last words: give it a moment.
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                        _ready.Fail(new TargetStartException(Definition.Name, $"ended before it was ready on swarm node {Node}: {ServiceTasks.Describe(task).Description}{ImageHint(task)}", StderrTail));
                        return;
                    }
                }

                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or IOException or HttpRequestException)
        {
            // Removed, or no longer followed: StartAsync has its answer by then.
        }
    }

    private string ImageHint(TaskResponse task) =>
        (task.Status.Err ?? "").Contains("No such image", StringComparison.OrdinalIgnoreCase)
            ? $"; the node lacks {Image}: name its engine with --node-engine {Node.Hostname}=<endpoint> so Bench can copy it there"
            : "";

    private static string FirstLine(DockerApiException e) =>
        (e.ResponseBody is { Length: > 0 } body ? body : e.Message).Split('\n')[0].Trim();
}

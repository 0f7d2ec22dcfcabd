using Bench.Launch.Sampling;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>
/// A docker target running as a container (<see cref="ContainerRequest"/>): ready when its log stream prints the
/// readiness line (or its port answers HTTP), measured through the engine's stats, stopped with SIGTERM then a kill,
/// and always removed. How it ended comes from the engine: the exit code and whether the kernel killed it for memory.
/// </summary>
public sealed class ContainerTarget : IRunningTarget
{
    private readonly DockerClient _client;
    private readonly ReadinessSignal _ready;
    private readonly CancellationTokenSource _following = new();
    private readonly ContainerOutput _output;
    private Task _logs = Task.CompletedTask;
    private Task _waiter = Task.CompletedTask;
    private bool _removed;

    private ContainerTarget(DockerClient client, TargetDefinition definition, string id, int plannedPort, CpuSet? cpus)
    {
        _client = client;
        Definition = definition;
        Id = id;
        _ready = new ReadinessSignal(definition, plannedPort);
        Cpus = cpus;
        _output = new ContainerOutput(_ready.OnStdout);
    }

    public TargetDefinition Definition { get; }

    /// <summary>The engine's id of the container.</summary>
    public string Id { get; }

    public int Port { get; private set; }

    public CpuSet? Cpus { get; }

    /// <summary>The image it runs, by the reference Bench gave it (bench-target:&lt;hash of its files&gt;).</summary>
    public required string Image { get; init; }

    /// <summary>The container's memory limit: the launch options' when given, else the catalogue's.</summary>
    public long MemoryLimitBytes { get; private init; }

    public string StderrTail => _output.StderrTail;

    /// <summary>Creates and starts the container from <paramref name="image"/> and waits until it is ready; a failure names it and quotes its stderr.</summary>
    public static async Task<ContainerTarget> StartAsync(
        DockerClient client, TargetDefinition definition, string image, TargetLaunchOptions options, ContainerLabels labels, CancellationToken cancellationToken)
    {
        int port = definition.AnnouncesPort ? 0 : FreePort.Find();
        var request = ContainerRequest.For(definition, image, port, options, labels);
        CreateContainerResponse created;
        try
        {
            created = await client.Containers.CreateContainerAsync(request, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new TargetStartException(definition.Name, $"the engine would not create its container: {FirstLine(e)}", "");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new TargetStartException(definition.Name, $"the Docker engine stopped answering: {e.Message}", "");
        }

        var target = new ContainerTarget(client, definition, created.ID, port, CpuSet.TryParse(request.HostConfig.CpusetCpus ?? "", out var cpus) ? cpus : null)
        {
            MemoryLimitBytes = request.HostConfig.Memory,
            Image = image,
        };
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            target._logs = target._output.FollowAsync(client, created.ID, target._following.Token);
            target._waiter = target.FailReadinessWhenItExitsAsync(target._following.Token);
            target._ready.StartProbing(options.ProbeInterval, target._following.Token);
            target.Port = await target._ready.Port.WaitAsync(options.ReadyTimeout, cancellationToken);
            target.HostPid = (int)(await client.Containers.InspectContainerAsync(created.ID, cancellationToken)).State.Pid;
            return target;
        }
        catch (TimeoutException)
        {
            string tail = target.StderrTail;
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"not ready within {options.ReadyTimeout.TotalSeconds:0.#} s", tail);
        }
        catch (DockerApiException e)
        {
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"the engine would not start its container: {FirstLine(e)}", "");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"the Docker engine stopped answering: {e.Message}", "");
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
            var state = (await _client.Containers.InspectContainerAsync(Id, cancellationToken)).State;
            return state.Running ? null : Describe(state);
        }
        catch (DockerContainerNotFoundException)
        {
            return new TargetExit(-1, false, "vanished (its container was removed by someone else)");
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return new TargetExit(-1, false, $"is out of reach: the Docker engine stopped answering ({e.Message})");
        }
    }

    /// <summary>The host's pid of the container's first process (the host sees the container's processes in /proc).</summary>
    public int HostPid { get; private set; }

    /// <summary>Opens the engine's stats stream now, so the readings at the window's edges find it answering.</summary>
    public Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Task.FromResult<IResourceMeter>(new ContainerMeter(
            ResourceSampler.Prepare(HostPid, timeProvider: timeProvider), ContainerStatsMeter.Prepare(_client, Id, MemoryLimitBytes)));

    /// <summary>The engine sends SIGTERM and kills after <paramref name="grace"/>; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        try
        {
            var parameters = new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(grace.TotalSeconds) };
            await _client.Containers.StopContainerAsync(Id, parameters, CancellationToken.None);
            return (int)(await _client.Containers.InspectContainerAsync(Id, CancellationToken.None)).State.ExitCode;
        }
        catch (DockerContainerNotFoundException)
        {
            return -1;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            return -1; // the engine is gone: nothing more can be done from here
        }
    }

    /// <summary>Stops and removes the container; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_removed)
        {
            return;
        }

        _removed = true;
        try
        {
            await _client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // The engine is gone; the next run's start-up removes the container (its owner will be gone by then).
        }
        finally
        {
            await _following.CancelAsync();
            await Task.WhenAll(_logs, _waiter);
            _following.Dispose();
        }
    }

    /// <summary>The end of a container in one line; a kill for memory says which limit and what to change.</summary>
    public static TargetExit Describe(ContainerState state, long? memoryLimit = null)
    {
        int code = (int)state.ExitCode;
        if (!state.OOMKilled)
        {
            return TargetExit.WithCode(code);
        }

        return TargetExit.KilledForMemory(code, memoryLimit);
    }

    private TargetExit Describe(ContainerState state) => Describe(state, MemoryLimitBytes);

    private static string FirstLine(DockerApiException e) =>
        (e.ResponseBody is { Length: > 0 } body ? body : e.Message).Split('\n')[0].Trim();

    /// <summary>When the container exits before it is ready, readiness fails with how it ended and its last stderr lines.</summary>
    private async Task FailReadinessWhenItExitsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.WaitContainerAsync(Id, cancellationToken);
            // The log stream ends when the container does: wait for it so the error carries the last words.
            await _logs.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            if (!_ready.IsSet && await CheckExitAsync(cancellationToken) is { } exit)
            {
                _ready.Fail(new TargetStartException(Definition.Name, $"{exit.Description} before it was ready", StderrTail));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or DockerApiException or IOException or HttpRequestException)
        {
            // Removed, or no longer followed: StartAsync has its answer by then.
        }
    }
}

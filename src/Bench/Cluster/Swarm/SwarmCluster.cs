using System.Collections.Concurrent;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Load;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>
/// A run's place on a Docker swarm: the manager's engine (where images are built, services created and tasks watched),
/// the nodes that take targets and load agents (by their labels), and the engines of other nodes when given (to copy
/// images into them and read their containers' stats). Everything it creates carries the run's labels; disposing it
/// removes every service of the run, waits until their tasks are gone, and removes the images it copied to nodes.
/// </summary>
public sealed class SwarmCluster : IAsyncDisposable
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How a target says its port is taken (the OS's words, as .NET, Python and nginx print them).</summary>
    private const string PortTaken = "Address already in use";
    private const int PortAttempts = 3;

    private readonly DockerEngine _manager;
    private readonly string _managerNodeId;
    private readonly IReadOnlyDictionary<string, DockerEngine> _nodeEngines;
    private readonly Action<string>? _note;
    private readonly NodeImages _images;
    private readonly RecipeImages _built;
    private readonly ConcurrentBag<string> _services = [];
    private readonly AgentProgram _agentProgram;
    private readonly SemaphoreSlim _samplerStart = new(1, 1);
    private Task<AgentLaunch?>? _sampler;
    private int _omissionsSaid;
    private bool _disposed;

    private SwarmCluster(
        DockerEngine manager, string managerNodeId, IReadOnlyList<SwarmNode> nodes, IReadOnlyDictionary<string, DockerEngine> nodeEngines, string run, Action<string>? note, AgentProgram agentProgram)
    {
        _agentProgram = agentProgram;
        _manager = manager;
        _managerNodeId = managerNodeId;
        _nodeEngines = nodeEngines;
        _note = note;
        _built = new RecipeImages(note);
        Nodes = nodes;
        Labels = ContainerLabels.ForThisProcess() with { Run = run };
        _images = new NodeImages(manager, managerNodeId, ImportMarker.For(Labels, Host));
    }

    /// <summary>Picks a target's port: one free on this machine, which a node may still have taken (then another is tried).</summary>
    internal Func<int> ChoosePort { get; set; } = FreePort.Find;

    /// <summary>The ready, active nodes and their roles, for the run's metadata.</summary>
    public IReadOnlyList<SwarmNode> Nodes { get; }

    /// <summary>The manager's endpoint, as given.</summary>
    public string ManagerEndpoint => _manager.Endpoint;

    /// <summary>The labels on the run's services and their containers (`docker service ls --filter label=bench.run=&lt;run&gt;`).</summary>
    public ContainerLabels Labels { get; }

    /// <summary>The machine this controller runs on, on its services' labels: owner pids are judged only there.</summary>
    public static string Host => Environment.MachineName;

    /// <summary>
    /// Connects to the manager at <paramref name="managerEndpoint"/> and to the node engines in <paramref name="nodeEngines"/>
    /// (by node hostname or id), checks the swarm can take a run, and removes the services of Bench runs on this
    /// machine that died before they could. Anything wrong is one <see cref="ClusterException"/>. Its agents (load, and
    /// sampling on target nodes) run <paramref name="agentProgram"/>, this Bench unless said.
    /// </summary>
    public static async Task<SwarmCluster> ConnectAsync(
        string managerEndpoint, IReadOnlyDictionary<string, string> nodeEngines, string run, Action<string>? note, CancellationToken cancellationToken,
        AgentProgram? agentProgram = null)
    {
        ArgumentNullException.ThrowIfNull(nodeEngines);
        var manager = await EngineEndpoint.ConnectAsync(managerEndpoint, "swarm manager", cancellationToken);
        var engines = new Dictionary<string, DockerEngine>(StringComparer.Ordinal);
        try
        {
            var swarm = (await manager.Client.System.GetSystemInfoAsync(cancellationToken)).Swarm;
            if (SwarmRules.ManagerProblem(managerEndpoint, swarm) is { } problem)
            {
                throw new ClusterException(problem);
            }

            var nodes = (await manager.Client.Swarm.ListNodesAsync(cancellationToken)).Select(SwarmNode.From).OfType<SwarmNode>()
                .OrderBy(n => n.Hostname, StringComparer.Ordinal).ToList();
            if (SwarmNodes.Problem(nodes, AllowedHosts.Current) is { } nodeProblem)
            {
                throw new ClusterException(nodeProblem);
            }

            foreach (var (key, endpoint) in nodeEngines)
            {
                var node = nodes.FirstOrDefault(n => n.IsNamed(key))
                    ?? throw new ClusterException($"--node-engine {key}={endpoint}: no ready, active swarm node is called {key} (nodes: {string.Join(", ", nodes.Select(n => n.Hostname))})");
                var engine = await EngineEndpoint.ConnectAsync(endpoint, $"node {key}", cancellationToken);
                engines[node.Id] = engine;
                string? actual = (await engine.Client.System.GetSystemInfoAsync(cancellationToken)).Swarm?.NodeID;
                if (actual != node.Id)
                {
                    throw new ClusterException($"--node-engine {key}={endpoint}: that engine is {(string.IsNullOrEmpty(actual) ? "in no swarm" : $"swarm node {actual}")}, not {node.Hostname} ({node.Id})");
                }
            }

            var cluster = new SwarmCluster(manager, swarm!.NodeID, nodes, engines, run, note, agentProgram ?? AgentProgram.ForThisProcess());
            await AbandonedRuns.RemoveAsync(manager.Client, engines.Values, Host, note, cancellationToken);
            return cluster;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            Dispose(manager, engines);
            throw new ClusterException($"the swarm manager at {managerEndpoint} failed: {e.Message.Split('\n')[0]}");
        }
        catch
        {
            Dispose(manager, engines);
            throw;
        }
    }

    /// <summary>
    /// Starts a docker target as a service on the first target node (by hostname): its image built on the manager and
    /// copied to that node when it lacks it. Anything that cannot be placed is a <see cref="TargetStartException"/>.
    /// </summary>
    public async Task<IRunningTarget> StartTargetAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (SwarmRules.PlacementProblem(definition) is { } problem)
        {
            throw new TargetStartException(definition.Name, problem, "");
        }

        if (Interlocked.Exchange(ref _omissionsSaid, 1) == 0)
        {
            _note?.Invoke($"swarm targets run with {string.Join("; ", ServiceSpecs.Omissions(definition, options))}");
        }

        var node = SwarmNodes.TargetNode(Nodes);
        string image;
        try
        {
            image = await ImageAsync(definition.Container!.Image, definition.Name, cancellationToken);
            await _images.EnsureAsync(node, EngineOf(node), image, cancellationToken);
        }
        catch (ClusterException e)
        {
            throw new TargetStartException(definition.Name, e.Message, "");
        }

        // A node Bench has no engine for cannot be given the image (above): a target that got here has its node's engine.
        var sampler = await SamplerAsync(cancellationToken) is { } agent ? new AgentEndpoint(node.Hostname, node.IpAddress, agent.Port, agent.Token) : null;
        var access = new NodeAccess(EngineOf(node)?.Client, sampler, text => _note?.Invoke(text));
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var target = await SwarmTarget.StartAsync(_manager.Client, access, node, definition, image, ChoosePort(), options, Labels, Host, cancellationToken);
                _services.Add(target.ServiceId);
                return target;
            }
            catch (TargetStartException e) when (attempt < PortAttempts && e.StderrTail.Contains(PortTaken, StringComparison.OrdinalIgnoreCase))
            {
                // The port was free here, where it was chosen, but not on the node.
                _note?.Invoke($"{definition.Name}: its port was taken on swarm node {node.Hostname}; starting it again on another");
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="perNode"/> load agents on every generator node (one global service per slot, each on its
    /// own port) and waits until each answers a TCP connect at its node's address; one endpoint per node and slot.
    /// </summary>
    public async Task<IReadOnlyList<AgentEndpoint>> StartAgentsAsync(int perNode, string allowHosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perNode, 1);
        var generators = Nodes.Where(n => n.Generator).ToList();
        var endpoints = new List<AgentEndpoint>();
        for (int slot = 0; slot < perNode; slot++)
        {
            var agent = await StartAgentServiceAsync(generators, slot, allowHosts, ServiceSpecs.ForAgent, a => $"the load agent ({a})", cancellationToken);
            endpoints.AddRange(generators.Select(n => new AgentEndpoint(n.Hostname, n.IpAddress, agent.Port, agent.Token)));
        }

        return endpoints;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using var limit = new CancellationTokenSource(CleanupTimeout);
        try
        {
            var removed = await LeftoverServices.RemoveLauncherAsync(_manager.Client, Labels.Launcher, limit.Token);
            if (!await ServiceTasks.WaitGoneAsync(_manager.Client, removed.Concat(_services).Distinct().ToList(), limit.Token))
            {
                _note?.Invoke($"the swarm still lists tasks of this run's services after {CleanupTimeout.TotalSeconds:0} s; removing their containers directly where Bench can");
            }

            // Where Bench has the engine, no container of the run may stay, whatever the swarm says.
            foreach (var engine in _nodeEngines.Values.Prepend(_manager))
            {
                await LeftoverContainers.RemoveLauncherAsync(engine.Client, Labels.Launcher, limit.Token);
            }

            foreach (string problem in await _images.RemoveImportedAsync(limit.Token))
            {
                _note?.Invoke(problem);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or IOException or HttpRequestException)
        {
            _note?.Invoke($"could not finish removing this run's swarm services (label {ContainerLabels.LauncherKey}={Labels.Launcher}): {e.Message.Split('\n')[0]}");
        }

        Dispose(_manager, _nodeEngines);
        _samplerStart.Dispose();
    }

    /// <summary>
    /// The sampling agent on every target node (<see cref="ServiceSpecs.ForMeter"/>), started with the run's first target;
    /// null, said once, when it cannot start: targets are then measured by their engines' stats alone.
    /// </summary>
    private async Task<AgentLaunch?> SamplerAsync(CancellationToken cancellationToken)
    {
        await _samplerStart.WaitAsync(cancellationToken);
        try
        {
            _sampler ??= StartSamplerAsync(cancellationToken);
            return await _sampler;
        }
        finally
        {
            _samplerStart.Release();
        }
    }

    private async Task<AgentLaunch?> StartSamplerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await StartAgentServiceAsync(Nodes.Where(n => n.Target).ToList(), 0, "", ServiceSpecs.ForMeter, a => $"the sampling agent (port {a.Port})", cancellationToken);
        }
        catch (ClusterException e)
        {
            _note?.Invoke($"targets' processes are not sampled from their nodes' /proc, only their engines' stats are read: {e.Message}");
            return null;
        }
    }

    /// <summary>One global agent service on <paramref name="nodes"/> (their labels place it), its image copied where missing; returned once every node's task accepts connections.</summary>
    private async Task<AgentLaunch> StartAgentServiceAsync(
        IReadOnlyList<SwarmNode> nodes, int slot, string allowHosts, Func<AgentLaunch, ContainerLabels, string, ServiceSpec> spec, Func<AgentLaunch, string> name,
        CancellationToken cancellationToken)
    {
        string image = await ImageAsync(_agentProgram.Recipe, "the agents", cancellationToken);
        foreach (var node in nodes)
        {
            await _images.EnsureAsync(node, EngineOf(node), image, cancellationToken);
        }

        var agent = new AgentLaunch(image, _agentProgram.Executable, TargetCatalogLoader.DotnetRoot(), slot, FreePort.Find(), AgentLaunch.NewToken(), allowHosts);
        string id = await CreateAsync(spec(agent, Labels, Host), cancellationToken);
        await AgentTasks.WaitListeningAsync(_manager.Client, id, name(agent), agent.Port, nodes, cancellationToken);
        return agent;
    }

    private DockerEngine? EngineOf(SwarmNode node) =>
        node.Id == _managerNodeId ? _manager : _nodeEngines.GetValueOrDefault(node.Id);

    /// <summary>Built (or found) once per recipe and run on the manager's engine, as <see cref="DockerTargets"/> does for local targets.</summary>
    private Task<string> ImageAsync(ImageRecipe recipe, string what, CancellationToken cancellationToken) =>
        _built.EnsureAsync(_manager, recipe, what, error => new ClusterException($"cannot build the image of {what}: {error}"), cancellationToken);

    private async Task<string> CreateAsync(ServiceSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            string id = (await _manager.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec }, cancellationToken)).ID;
            _services.Add(id);
            return id;
        }
        catch (DockerApiException e)
        {
            throw new ClusterException($"the swarm would not create the service {spec.Name}: {(e.ResponseBody is { Length: > 0 } body ? body : e.Message).Split('\n')[0].Trim()}");
        }
    }

    private static void Dispose(DockerEngine manager, IReadOnlyDictionary<string, DockerEngine> engines)
    {
        foreach (var engine in engines.Values)
        {
            engine.Dispose();
        }

        manager.Dispose();
    }
}

using System.Collections.Concurrent;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;
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

    private readonly DockerEngine _manager;
    private readonly string _managerNodeId;
    private readonly IReadOnlyDictionary<string, DockerEngine> _nodeEngines;
    private readonly Action<string>? _note;
    private readonly NodeImages _images;
    private readonly RecipeImages _built;
    private readonly ConcurrentBag<string> _services = [];
    private int _omissionsSaid;
    private bool _disposed;

    private SwarmCluster(DockerEngine manager, string managerNodeId, IReadOnlyList<SwarmNode> nodes, IReadOnlyDictionary<string, DockerEngine> nodeEngines, string run, Action<string>? note)
    {
        _manager = manager;
        _managerNodeId = managerNodeId;
        _nodeEngines = nodeEngines;
        _note = note;
        _built = new RecipeImages(note);
        Nodes = nodes;
        _images = new NodeImages(manager, managerNodeId);
        Labels = ContainerLabels.ForThisProcess() with { Run = run };
    }

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
    /// machine that died before they could. Anything wrong is one <see cref="ClusterException"/>.
    /// </summary>
    public static async Task<SwarmCluster> ConnectAsync(
        string managerEndpoint, IReadOnlyDictionary<string, string> nodeEngines, string run, Action<string>? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeEngines);
        var manager = await EngineEndpoint.ConnectAsync(managerEndpoint, "swarm manager", cancellationToken);
        var engines = new Dictionary<string, DockerEngine>(StringComparer.Ordinal);
        try
        {
            var swarm = (await manager.Client.System.GetSystemInfoAsync(cancellationToken)).Swarm;
            if (ManagerProblem(managerEndpoint, swarm) is { } problem)
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

            var cluster = new SwarmCluster(manager, swarm!.NodeID, nodes, engines, run, note);
            await cluster.RemoveAbandonedAsync(cancellationToken);
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

    /// <summary>Null when the engine manages a swarm; else what it is and the command that makes it a manager.</summary>
    public static string? ManagerProblem(string endpoint, Info? swarm) =>
        swarm?.LocalNodeState switch
        {
            "active" when swarm.ControlAvailable => null,
            "active" => $"the engine at {endpoint} is a worker of its swarm, not a manager: give --cluster a manager's endpoint (docker node ls on a manager lists them)",
            var state => $"the engine at {endpoint} is not in a swarm (swarm: {(string.IsNullOrEmpty(state) ? "inactive" : state)}): make it a manager with docker swarm init --advertise-addr <addr>",
        };

    /// <summary>
    /// Starts a docker target as a service on the first target node (by hostname): its image built on the manager and
    /// copied to that node when it lacks it. Anything that cannot be placed is a <see cref="TargetStartException"/>.
    /// </summary>
    public async Task<IRunningTarget> StartTargetAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (PlacementProblem(definition) is { } problem)
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

        if (EngineOf(node) is null)
        {
            _note?.Invoke($"{definition.Name}: its CPU and memory are not measured: Bench has no engine for swarm node {node.Hostname} (--node-engine {node.Hostname}=<endpoint>)");
        }

        var target = await SwarmTarget.StartAsync(_manager.Client, EngineOf(node)?.Client, node, definition, image, options, Labels, Host, cancellationToken);
        _services.Add(target.ServiceId);
        return target;
    }

    /// <summary>Null when <paramref name="definition"/> can run as a swarm service; else why not.</summary>
    public static string? PlacementProblem(TargetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Kind != TargetKind.Docker || definition.Topology is not null)
        {
            return "only docker targets can be placed on a swarm (kind: docker)";
        }

        if (definition.Needs.Count > 0)
        {
            return $"needs {string.Join(", ", definition.Needs.Select(n => n.Name))}, which runs beside Bench, not on the swarm: targets with dependencies cannot be placed on a swarm yet";
        }

        return definition.Readiness is StdoutReadiness or HttpReadiness
            ? null
            : "is ready by a protocol handshake, which Bench checks on loopback only: a swarm target must be ready by a stdout line or HTTP";
    }

    /// <summary>
    /// Starts <paramref name="perNode"/> load agents on every generator node (one global service per slot, each on its
    /// own port) and waits until each answers a TCP connect at its node's address; one endpoint per node and slot.
    /// </summary>
    public Task<IReadOnlyList<AgentEndpoint>> StartAgentsAsync(int perNode, string allowHosts, CancellationToken cancellationToken) =>
        StartAgentsAsync(AgentImage.ForThisProcess(), AgentImage.Executable(AppContext.BaseDirectory), perNode, allowHosts, cancellationToken);

    /// <summary>As above with another image and executable: a test's stand-in for Bench.</summary>
    internal async Task<IReadOnlyList<AgentEndpoint>> StartAgentsAsync(
        ImageRecipe recipe, string executable, int perNode, string allowHosts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perNode, 1);
        string image = await ImageAsync(recipe, "the load agent", cancellationToken);
        var generators = Nodes.Where(n => n.Generator).ToList();
        foreach (var node in generators)
        {
            await _images.EnsureAsync(node, EngineOf(node), image, cancellationToken);
        }

        var endpoints = new List<AgentEndpoint>();
        for (int slot = 0; slot < perNode; slot++)
        {
            var agent = new AgentLaunch(image, executable, TargetCatalogLoader.DotnetRoot(), slot, FreePort.Find(), AgentLaunch.NewToken(), allowHosts);
            string id = await CreateAsync(ServiceSpecs.ForAgent(agent, Labels, Host), cancellationToken);
            await AgentTasks.WaitListeningAsync(_manager.Client, id, agent, generators, cancellationToken);
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

    /// <summary>Best effort: a swarm that fails here still takes the run, and a later connect tries again.</summary>
    private async Task RemoveAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var removed = await LeftoverServices.RemoveAbandonedAsync(_manager.Client, Host, ProcFs.System, cancellationToken);
            if (removed.Count > 0)
            {
                _note?.Invoke($"removed {removed.Count} swarm service(s) left behind by an earlier Bench run that did not end cleanly");
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            _note?.Invoke($"could not remove swarm services left behind by earlier runs: {e.Message.Split('\n')[0]}");
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

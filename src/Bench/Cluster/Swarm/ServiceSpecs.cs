using System.Globalization;
using Bench.Launch;
using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>
/// The swarm services Bench creates, as pure functions of their inputs: a target as one replica on one target node,
/// and a load agent as a global service on every generator node. Both on the host's network (the numbers must not
/// cross an overlay or the routing mesh), never restarted by the swarm (a crash must be seen, not hidden), and
/// labelled as Bench's containers are.
/// </summary>
public static class ServiceSpecs
{
    /// <summary>The swarm's name of the host network: a task attached to it shares its node's interfaces, as `--network host`.</summary>
    public const string HostNetwork = "host";

    /// <summary>
    /// Where a target listens when its command does not say (Bench.Targets reads it): its node's address, so the sweep
    /// and agents on other nodes reach it; on loopback it would answer its own node only.
    /// </summary>
    public const string ListenAddressVariable = "BENCH_LISTEN_ADDRESS";

    /// <summary>Where the sampling agent sees its node's /proc.</summary>
    public const string HostProc = "/host/proc";

    /// <summary>Services allow 63 characters in a name.</summary>
    private const int NameLimit = 63;

    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>
    /// A docker target as a service: the command, environment, user, read-only root, scratch tmpfs, capabilities, memory
    /// and CPU quota <see cref="ContainerRequest.For"/> gives a local container, as the swarm expresses them (the quota
    /// as NanoCPUs), on <paramref name="node"/>. What a service cannot express (cpuset pinning, swap off,
    /// no-new-privileges with this client) is left out; <see cref="Omissions"/> lists it.
    /// </summary>
    public static ServiceSpec ForTarget(
        TargetDefinition definition, string image, int port, TargetLaunchOptions options, ContainerLabels labels, string host, SwarmNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var request = ContainerRequest.For(definition, image, port, options, labels);
        var serviceLabels = ServiceLabels.For(labels, definition.Name, host);
        return new ServiceSpec
        {
            Name = Name(request.Name),
            Labels = serviceLabels,
            Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 1 } },
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = new Docker.DotNet.Models.ContainerSpec
                {
                    Image = request.Image,
                    Command = request.Cmd,
                    Env = WithListenAddress(request.Env, node.Address),
                    User = request.User,
                    Dir = request.WorkingDir,
                    Labels = new Dictionary<string, string>(serviceLabels),
                    ReadOnly = request.HostConfig.ReadonlyRootfs,
                    Mounts = request.HostConfig.Tmpfs.Keys.Select(ScratchMount).ToList(),
                    CapabilityDrop = request.HostConfig.CapDrop,
                },
                Resources = new ResourceRequirements
                {
                    Limits = new SwarmLimit { MemoryBytes = request.HostConfig.Memory, NanoCPUs = NanoCpus(request.HostConfig.CPUPeriod, request.HostConfig.CPUQuota) },
                },
                RestartPolicy = NoRestart(),
                Placement = new Placement { Constraints = [$"node.labels.{SwarmNode.TargetLabel}==true", $"node.id=={node.Id}"] },
                Networks = [new NetworkAttachmentConfig { Target = HostNetwork }],
            },
        };
    }

    /// <summary>
    /// One agent slot: a global service (one task on every generator node), `Bench agent --listen 0.0.0.0:port` from
    /// Bench's own output folder in <paramref name="agent"/>'s image, its token and allowed hosts in its environment (never on
    /// its command line, which `ps` and `docker service inspect` show alike — the environment shows only to the latter).
    /// </summary>
    public static ServiceSpec ForAgent(AgentLaunch agent, ContainerLabels labels, string host)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return AgentService(
            $"bench-agent-{labels.Launcher}-{agent.Slot.ToString(CultureInfo.InvariantCulture)}-{agent.Port.ToString(CultureInfo.InvariantCulture)}",
            agent, ServiceLabels.ForAgent(labels, agent.Slot, host), SwarmNode.GeneratorLabel, [], []);
    }

    /// <summary>
    /// The sampling agent: a global service on every target node, the same `Bench agent` with its node's /proc mounted
    /// read-only at <see cref="HostProc"/> and read from there (`--proc`), so a target's processes are measured as a local
    /// container's are. It sends no load: no host is allowed to it.
    /// </summary>
    public static ServiceSpec ForMeter(AgentLaunch agent, ContainerLabels labels, string host)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return AgentService(
            $"bench-meter-{labels.Launcher}-{agent.Port.ToString(CultureInfo.InvariantCulture)}",
            agent with { AllowHosts = "" }, ServiceLabels.For(labels, "meter", host), SwarmNode.TargetLabel,
            ["--proc", HostProc], [new Mount { Type = "bind", Source = "/proc", Target = HostProc, ReadOnly = true }]);
    }

    private static ServiceSpec AgentService(string name, AgentLaunch agent, Dictionary<string, string> serviceLabels, string nodeLabel, string[] arguments, Mount[] mounts) =>
        new()
        {
            Name = Name(name),
            Labels = serviceLabels,
            Mode = new ServiceMode { Global = new GlobalService() },
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = new Docker.DotNet.Models.ContainerSpec
                {
                    Image = agent.Image,
                    Command = [agent.Executable, "agent", "--listen", $"0.0.0.0:{agent.Port.ToString(CultureInfo.InvariantCulture)}", .. arguments],
                    Env =
                    [
                        $"{Bench.Cluster.AgentEndpoint.TokenVariable}={agent.Token}",
                        $"{Bench.Load.AllowedHosts.Variable}={agent.AllowHosts}",
                        $"DOTNET_ROOT={agent.DotnetRoot}",
                        $"TMPDIR={ContainerRequest.ScratchDirectory}",
                    ],
                    User = ContainerRequest.User,
                    Dir = "/",
                    Labels = new Dictionary<string, string>(serviceLabels),
                    ReadOnly = true,
                    Mounts = [ScratchMount(ContainerRequest.ScratchDirectory), .. mounts],
                    CapabilityDrop = ["ALL"],
                },
                RestartPolicy = NoRestart(),
                Placement = new Placement { Constraints = [$"node.labels.{nodeLabel}==true"] },
                Networks = [new NetworkAttachmentConfig { Target = HostNetwork }],
            },
        };

    /// <summary>What a target's service leaves out of its local container's settings, one phrase each; empty when nothing.</summary>
    public static IReadOnlyList<string> Omissions(TargetDefinition definition, TargetLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        var omitted = new List<string>();
        if ((definition.Container?.Cpus ?? options.Cpus) is { } cpus)
        {
            omitted.Add($"no core pinning (cores {cpus}): swarm services cannot be pinned to cores");
        }

        if (options.CpuQuota is not null)
        {
            omitted.Add("the CPU quota as the swarm sets it (NanoCPUs: 100 ms CFS periods, not Bench's 2 ms, so throttling stalls are longer)");
        }

        omitted.Add("swap not turned off (services cannot set memory+swap) and no no-new-privileges (not in this Docker client's service model)");
        return omitted;
    }

    /// <summary>The quota in billionths of a core: quota/period cores; 0 (no limit) without a quota.</summary>
    public static long NanoCpus(long periodMicros, long quotaMicros) =>
        periodMicros > 0 && quotaMicros > 0 ? quotaMicros * NanosPerSecond / periodMicros : 0;

    /// <summary>The container's environment plus <see cref="ListenAddressVariable"/>, unless the catalogue sets it itself.</summary>
    private static List<string> WithListenAddress(IList<string> environment, string address) =>
        environment.Any(e => e.StartsWith(ListenAddressVariable + "=", StringComparison.Ordinal))
            ? [.. environment]
            : [.. environment, $"{ListenAddressVariable}={address}"];

    private static string Name(string name) => name.Length <= NameLimit ? name : name[..NameLimit].TrimEnd('-');

    private static SwarmRestartPolicy NoRestart() => new() { Condition = "none", MaxAttempts = 0 };

    private static Mount ScratchMount(string target) =>
        new() { Type = "tmpfs", Target = target, TmpfsOptions = new TmpfsOptions { SizeBytes = 64L << 20 } };
}

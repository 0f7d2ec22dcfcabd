using Bench.Launch.Sampling;

namespace Bench.Launch.Proxies;

/// <summary>
/// A running proxy in front of its replicas, measured as one target: the replicas are started first (each a normal
/// catalogue launch through the launcher, on a free port of its own), then the proxy with its upstream rendered; it is
/// ready once requests through the proxy have reached every replica. Stopped proxy first, then every replica, each by
/// its pid — also when a start fails halfway.
/// </summary>
public sealed class TopologyTarget : IRunningTarget
{
    private readonly IRunningTarget _proxy;
    private readonly IReadOnlyList<IRunningTarget> _replicas;

    private TopologyTarget(TargetDefinition definition, IRunningTarget proxy, IReadOnlyList<IRunningTarget> replicas, CpuSet? cpus)
    {
        Definition = definition;
        _proxy = proxy;
        _replicas = replicas;
        Cpus = cpus;
    }

    public TargetDefinition Definition { get; }

    public int Port => _proxy.Port;

    public CpuSet? Cpus { get; }

    /// <summary>The components by name (proxy, replica 1…N) with what they run, in the order results list them.</summary>
    public IReadOnlyList<(string Name, IRunningTarget Target)> Components =>
        _replicas.Select((r, i) => (ComponentUsage.ReplicaName(i + 1), r)).Prepend((ComponentUsage.ProxyName, _proxy)).ToArray();

    public static async Task<TopologyTarget> StartAsync(
        TargetDefinition definition, ProxyTopology topology, Func<TargetDefinition, TargetLaunchOptions, CancellationToken, Task<IRunningTarget>> start,
        TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        var started = new List<IRunningTarget>();
        try
        {
            for (int i = 0; i < topology.Replicas; i++)
            {
                started.Add(await start(topology.Backend, options, cancellationToken));
            }

            var ports = started.Select(r => r.Port).ToArray();
            var proxy = await start(topology.ProxyLaunch(ports, options.Cpus), options, cancellationToken);
            started.Insert(0, proxy);
            if (await ReplicaReach.ProblemAsync(proxy.Port, ports, cancellationToken) is { } problem)
            {
                throw new TargetStartException(definition.Name, problem, "");
            }

            return new TopologyTarget(definition, proxy, started.Skip(1).ToArray(), options.Cpus);
        }
        catch
        {
            await StopAllAsync(started, TimeSpan.FromSeconds(5));
            throw;
        }
    }

    /// <summary>Null while every component runs; else how the first one that ended did, named.</summary>
    public async Task<TargetExit?> CheckExitAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, target) in Components)
        {
            if (await target.CheckExitAsync(cancellationToken) is { } exit)
            {
                return exit with { Description = $"{name} ({target.Definition.Name}) {exit.Description}" };
            }
        }

        return null;
    }

    public async Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var meters = new List<(string, string, IResourceMeter)>();
        foreach (var (name, target) in Components)
        {
            meters.Add((name, target.Definition.Name, await target.PrepareMeterAsync(timeProvider, cancellationToken)));
        }

        return new TopologyMeter(meters);
    }

    /// <summary>The proxy first (no new requests reach the replicas), then every replica; the proxy's exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        int code = await _proxy.StopAsync(grace);
        foreach (var replica in _replicas)
        {
            await replica.StopAsync(grace);
        }

        return code;
    }

    public async ValueTask DisposeAsync() => await StopAllAsync([_proxy, .. _replicas], TimeSpan.FromSeconds(5));

    private static async Task StopAllAsync(IReadOnlyList<IRunningTarget> targets, TimeSpan grace)
    {
        foreach (var target in targets)
        {
            await target.StopAsync(grace);
            await target.DisposeAsync();
        }
    }
}

using System.Globalization;

namespace Bench.Launch.Proxies;

/// <summary>
/// A proxy in front of <see cref="Replicas"/> copies of <see cref="Backend"/>, measured as one target: requests go to
/// the proxy; the replicas and the proxy share the target's placement (cores and quota: each process under the quota,
/// on the same cores) and are sampled apart as well as together.
/// </summary>
public sealed record ProxyTopology(ProxyDefinition Proxy, TargetDefinition Backend, int Replicas)
{
    /// <summary>The name a scenario's expanded target gets: <c>py-sync-nginx</c> at 2 replicas is <c>py-sync-nginx-x2</c>.</summary>
    public static string NameOf(string name, int replicas) => $"{name}-x{replicas.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The target measured under <paramref name="name"/>: the backend's endpoints, the proxy's own answers to bad input
    /// (the proxy parses HTTP first), the backend's concurrency limit times the replicas.
    /// </summary>
    public TargetDefinition Define(string name) =>
        new(name, $"{Proxy.Name} in front of {Replicas} × {Backend.Name}", Proxy.Server.Command, Proxy.Server.Environment)
        {
            Supports = Backend.Supports,
            Differences = Proxy.Server.Differences,
            ConcurrencyLimit = Backend.ConcurrencyLimit * Replicas,
            Requires = Proxy.Server.Requires,
            Needs = Backend.Needs,
            Topology = this,
        };

    /// <summary>The proxy's workers: one, or one per core of its placement when it has several.</summary>
    public static int Workers(CpuSet? cpus) => Math.Max(1, cpus?.Cores.Count ?? 1);

    /// <summary>The proxy's own launch, its upstream pointing at the replicas' ports and its worker count filled in.</summary>
    public TargetDefinition ProxyLaunch(IReadOnlyList<int> replicaPorts, CpuSet? cpus)
    {
        string upstream = Proxy.Upstream.Render(replicaPorts, Backend.ConcurrencyLimit);
        string reuse = Proxy.Upstream.Reuse(Backend.ConcurrencyLimit);
        string workers = Workers(cpus).ToString(CultureInfo.InvariantCulture);
        return Proxy.Server with
        {
            Files = Proxy.Server.Files.Select(f => f with
            {
                Text = f.Text
                    .Replace($"{{{ProxyDefinition.UpstreamPlaceholder}}}", upstream, StringComparison.Ordinal)
                    .Replace($"{{{ProxyDefinition.ReusePlaceholder}}}", reuse, StringComparison.Ordinal)
                    .Replace($"{{{ProxyDefinition.WorkersPlaceholder}}}", workers, StringComparison.Ordinal),
            }).ToArray(),
        };
    }

    /// <summary>Where its pieces run, in words for the run's line and results.json.</summary>
    public string Placement(CpuSet? cpus, double? quota) =>
        $"{Proxy.Name} ({Workers(cpus)} worker{(Workers(cpus) == 1 ? "" : "s")}) and {Replicas} × {Backend.Name} share the target's placement: "
        + $"each on cores {cpus?.ToString() ?? "any"}, "
        + (quota is { } q ? $"each under its own quota of {q.ToString("0.##", CultureInfo.InvariantCulture)} core" : "no quota");
}

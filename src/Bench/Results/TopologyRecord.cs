namespace Bench.Results;

/// <summary>
/// How a proxy-in-front-of-replicas target was built and placed, recorded with its verification: which proxy, how
/// many replicas of which target, the proxy's workers, and where they ran (cores, quota: each component under it).
/// </summary>
public sealed record TopologyRecord(string Proxy, string Backend, int Replicas, int ProxyWorkers, string? Cpus, double? CpuQuota, string Placement);

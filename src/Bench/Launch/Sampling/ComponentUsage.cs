namespace Bench.Launch.Sampling;

/// <summary>What one component of a topology (the proxy, a replica) used over the window, beside the whole's total.</summary>
/// <param name="Name">"proxy", "replica 1" … "replica N".</param>
/// <param name="Target">What it runs: the proxy's or the backend's catalogue name.</param>
public sealed record ComponentUsage(string Name, string Target, ResourceUsage Usage)
{
    /// <summary>The proxy's component name; the replicas are "replica 1" … "replica N".</summary>
    public const string ProxyName = "proxy";

    public static string ReplicaName(int number) => $"replica {number}";
}

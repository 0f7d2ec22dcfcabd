using Bench.Launch.Sampling;

namespace Bench.Results;

/// <summary>
/// One component of a proxy in front of replicas over a level — the proxy, or replica 1…N — with the same resource
/// fields as the level's own (which are the whole topology's total); its CPU per request is per request the whole
/// topology served, so the components' shares add up to the level's.
/// </summary>
/// <param name="Name">"proxy", "replica 1" … "replica N".</param>
/// <param name="Target">What it runs: the proxy's name (nginx, haproxy…) or the backend's catalogue name.</param>
public sealed record ComponentResult(string Name, string Target, ResourceResult Resources)
{
    /// <summary>Each component of <paramref name="usage"/>, per <paramref name="requests"/>; null when it has none (one process).</summary>
    public static IReadOnlyList<ComponentResult>? From(ResourceUsage usage, long requests, long attempts) =>
        usage.Components?.Select(c => new ComponentResult(c.Name, c.Target, ResourceResult.From(c.Usage, requests, attempts))).ToArray();
}

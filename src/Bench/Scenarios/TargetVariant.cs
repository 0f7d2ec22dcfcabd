namespace Bench.Scenarios;

/// <summary>
/// A catalogue target run under another name with other paths: the same program measured on two requests in one
/// scenario (<c>eventloop</c> on /blocking beside <c>eventloop-io</c> on /io, or a background /cpu with and without
/// yield), so gates compare the two as two targets of one run.
/// </summary>
/// <param name="Name">The name results, charts and gates use.</param>
/// <param name="Target">The catalogue entry that is launched.</param>
/// <param name="Path">The path it is sent instead of the scenario's request's; null keeps it.</param>
/// <param name="BackgroundPaths">Per stream name, the path its stream sends instead.</param>
public sealed record TargetVariant(string Name, string Target, string? Path, IReadOnlyDictionary<string, string> BackgroundPaths)
{
    /// <summary>The proxy (targets.yaml <c>proxies:</c>) put in front of <see cref="Replicas"/> copies of <see cref="Target"/>; null for a plain variant.</summary>
    public string? Proxy { get; init; }

    /// <summary>How many replicas of <see cref="Target"/> stand behind <see cref="Proxy"/>; null without one.</summary>
    public int? Replicas { get; init; }
}

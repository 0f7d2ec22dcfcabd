using Bench.Configuration;
using Bench.Launch;

namespace Bench.Scenarios;

/// <summary>
/// Reads a variant's <c>proxy:</c> and <c>replicas:</c> (docs/stack.md): a proxy of the catalogue's <c>proxies:</c>, in
/// front of a process target (a container has its own network namespace rules and launch; not here), at one or more
/// distinct positive replica counts. Both or neither.
/// </summary>
internal static class ProxyVariantReader
{
    /// <summary>The most replicas of one target: each is a process on the target's cores.</summary>
    public const int MaxReplicas = 64;

    public sealed record Result(bool Valid, string? Proxy, IReadOnlyList<int> Replicas);

    public static Result Read(YamlMap map, TargetCatalog catalog, string? target)
    {
        bool hasProxy = map.Has("proxy"), hasReplicas = map.Has("replicas");
        if (!hasProxy && !hasReplicas)
        {
            return new Result(true, null, []);
        }

        string known = catalog.Proxies.Count == 0 ? "none is declared (targets.yaml 'proxies:')" : string.Join(", ", catalog.Proxies.Select(p => p.Name));
        string? proxy = map.Text("proxy", $"a proxy of the catalogue ({known})", required: true);
        var replicas = ReadReplicas(map, required: true);
        bool valid = proxy is not null && replicas is not null;
        if (proxy is not null && catalog.FindProxy(proxy) is null)
        {
            map.Reject("proxy", $"a proxy of the catalogue ({known})");
            valid = false;
        }

        if (target is not null && catalog.Find(target) is { Kind: TargetKind.Docker })
        {
            map.Errors.Add(map.Get("proxy", false, "")!, $"{map.PathOf("proxy")}: '{target}' is a docker target; replicas behind a proxy are process targets");
            valid = false;
        }

        return valid ? new Result(true, proxy, replicas!) : new Result(false, null, []);
    }

    private static List<int>? ReadReplicas(YamlMap map, bool required)
    {
        const string Expected = "a list of replica counts, like [1, 2, 4]";
        var items = map.List("replicas", Expected, required, allowEmpty: false);
        if (items is null)
        {
            return null;
        }

        var counts = new List<int>();
        for (int i = 0; i < items.Count; i++)
        {
            if (YamlValues.WholeNumber(items[i], $"{map.PathOf("replicas")}[{i}]", 1, MaxReplicas, map.Errors) is not { } count)
            {
                return null;
            }

            if (counts.Contains(count))
            {
                map.Errors.Add(items[i], $"{map.PathOf("replicas")}[{i}]: {count} is listed twice; each count is one target");
                return null;
            }

            counts.Add(count);
        }

        return counts;
    }
}

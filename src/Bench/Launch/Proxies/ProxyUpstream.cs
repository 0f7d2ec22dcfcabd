using System.Globalization;

namespace Bench.Launch.Proxies;

/// <summary>
/// How a proxy's upstream is written: one <see cref="Server"/> line per replica ({replica} its number from 1,
/// {replica_port} its port, {replica_limit} the most requests it serves at once, 0 for no limit) for the {upstream}
/// placeholder; and for {reuse}, the lines for a replica that takes every connection at once (<see cref="Shared"/>:
/// keep-alive connections to it, reused) or for one that serves a limited number (<see cref="Limited"/>: a connection
/// per request — a kept-alive idle connection would hold a one-connection-at-a-time server such as py-sync, and the
/// requests behind it would wait for its header timeout).
/// </summary>
public sealed record ProxyUpstream(string Server, string Shared, string Limited)
{
    public const string ReplicaPlaceholder = "{replica}";
    public const string ReplicaPortPlaceholder = "{replica_port}";
    public const string ReplicaLimitPlaceholder = "{replica_limit}";

    /// <summary>The upstream for replicas on <paramref name="ports"/>, each serving at most <paramref name="limit"/> requests at once (null: no limit).</summary>
    public string Render(IReadOnlyList<int> ports, int? limit)
    {
        var lines = ports.Select((port, i) => Server
            .Replace(ReplicaPlaceholder, (i + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(ReplicaPortPlaceholder, port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(ReplicaLimitPlaceholder, (limit ?? 0).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    /// <summary>The connection reuse lines for a replica serving at most <paramref name="limit"/> requests at once (null: no limit).</summary>
    public string Reuse(int? limit) => limit is null ? Shared : Limited;
}

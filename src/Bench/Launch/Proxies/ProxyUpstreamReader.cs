using Bench.Configuration;

namespace Bench.Launch.Proxies;

/// <summary>
/// Reads a proxy's <c>upstream: { server: "…{replica_port}…", shared: "…", limited: "…" }</c> (<see cref="ProxyUpstream"/>);
/// the server line must name {replica_port}, or the proxy could not reach its replicas.
/// </summary>
internal static class ProxyUpstreamReader
{
    public const string Field = "upstream";

    private static readonly string[] Fields = ["server", "shared", "limited"];

    public static ProxyUpstream? Read(YamlMap proxy)
    {
        const string Expected = "{ server: \"server 127.0.0.1:{replica_port};\", shared: \"keepalive 64;\", limited: \"\" }";
        if (proxy.Map(Field, Expected, Fields, required: true) is not { } map)
        {
            return null;
        }

        string? server = map.Text("server", "the line written for each replica, naming {replica_port} (and maybe {replica}, {replica_limit})", required: true);
        string? shared = map.Text("shared", "the lines after the servers for a replica that takes every connection at once", required: true);
        string? limited = map.Text("limited", "the lines after the servers for a replica that serves a limited number at once", required: true);
        if (server is not null && !server.Contains(ProxyUpstream.ReplicaPortPlaceholder, StringComparison.Ordinal))
        {
            map.Reject("server", $"a line naming {ProxyUpstream.ReplicaPortPlaceholder}, the port of each replica");
            return null;
        }

        return server is null || shared is null || limited is null ? null : new ProxyUpstream(server, shared, limited);
    }
}

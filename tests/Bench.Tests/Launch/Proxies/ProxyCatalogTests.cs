using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Proxies;

/// <summary>
/// targets.yaml's <c>proxies:</c>: read like a dependency plus differences and upstream; their templates keep {upstream},
/// {reuse} and {workers} until a topology starts, which renders one server line per replica and the reuse lines its
/// backend calls for.
/// </summary>
public sealed class ProxyCatalogTests : IDisposable
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["targets_bin"] = "/bin/targets", ["repo"] = "/repo" };
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("bench-proxy-catalog-test-");

    public void Dispose() => _work.Delete(recursive: true);

    private string Template(string text)
    {
        string path = Path.Combine(_work.FullName, "proxy.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Catalog(string proxy, string files = "") => $$"""
        proxies:
          - name: front
            description: a proxy
            command: [front, -c, "{dir}/proxy.conf"]
            readiness: { http: /hello }
        {{proxy}}
        targets:
          - name: conf
            description: a target
            command: [server, "{port}"]
            readiness: { http: /hello }
            supports: [/hello]
        {{files}}
        """;

    private static string[] ErrorsOf(string yaml) =>
        Assert.Throws<CatalogException>(() => TargetCatalogLoader.Parse(yaml, "t.yaml", Placeholders)).Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void The_catalogue_has_nginx_nginx_cache_and_haproxy_with_round_robin_and_leastconn_each_naming_the_replica_port()
    {
        var catalog = RepositoryFiles.Catalog();

        Assert.Equal(["nginx", "nginx-cache", "haproxy", "haproxy-leastconn"], catalog.Proxies.Select(p => p.Name));
        Assert.All(catalog.Proxies, p => Assert.Contains("{replica_port}", p.Upstream.Server, StringComparison.Ordinal));
        Assert.All(catalog.Proxies, p => Assert.Contains("{upstream}", Assert.Single(p.Server.Files).Text, StringComparison.Ordinal));
        Assert.Equal(["roundrobin", "leastconn"], catalog.Proxies.Skip(2).Select(p => p.Server.Environment["BENCH_BALANCE"]));
    }

    [Fact]
    public void A_proxy_template_keeps_upstream_reuse_and_workers_until_it_starts()
    {
        string template = Template("workers {workers};\n{reuse}\nupstream { {upstream} }\nlisten {port};\n");

        var catalog = TargetCatalogLoader.Parse(Catalog($$"""
                files: { proxy.conf: "{{template}}" }
                upstream: { server: "server {replica_port};", shared: keep, limited: close }
            """), "t.yaml", Placeholders);

        Assert.Equal("workers {workers};\n{reuse}\nupstream { {upstream} }\nlisten {port};\n", Assert.Single(catalog.FindProxy("front")!.Server.Files).Text);
    }

    [Fact]
    public void A_server_line_without_the_replica_port_is_one_line_at_its_value()
    {
        Assert.Equal(
            ["t.yaml:6:25: proxies[0].upstream.server: found the string \"server 127.0.0.1:80;\"; expected a line naming {replica_port}, the port of each replica"],
            ErrorsOf(Catalog("""
                    upstream: { server: "server 127.0.0.1:80;", shared: keep, limited: close }
                """)));
    }

    [Fact]
    public void A_proxy_without_upstream_is_refused_and_a_target_may_not_use_the_proxy_placeholders()
    {
        string template = Template("upstream {upstream};\n");

        var errors = ErrorsOf(Catalog("", $$"""
                files: { server.conf: "{{template}}" }
            """));

        Assert.Contains(errors, e => e.StartsWith("t.yaml:2:5: proxies[0]", StringComparison.Ordinal) && e.Contains("'upstream' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{template}:1:10: unknown placeholder {{upstream}}", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_replica_ports_then_the_proxy_is_rendered_with_a_server_line_each_and_the_reuse_its_backend_calls_for()
    {
        var catalog = RepositoryFiles.Catalog();
        var haproxy = catalog.FindProxy("haproxy")!;

        string limited = Assert.Single(new Bench.Launch.Proxies.ProxyTopology(haproxy, catalog.Find("py-sync")!, 2).ProxyLaunch([4001, 4002], CpuSet.Of(0, 1)).Files).Text;
        string shared = Assert.Single(new Bench.Launch.Proxies.ProxyTopology(haproxy, catalog.Find("async")!, 1).ProxyLaunch([4003], null).Files).Text;

        Assert.Contains("  server r1 127.0.0.1:4001 check inter 1s maxconn 1\n  server r2 127.0.0.1:4002 check inter 1s maxconn 1\n", limited, StringComparison.Ordinal);
        Assert.Contains("http-reuse never", limited, StringComparison.Ordinal);
        Assert.Contains("nbthread 2\n", limited, StringComparison.Ordinal);
        Assert.Contains("  server r1 127.0.0.1:4003 check inter 1s maxconn 0\n", shared, StringComparison.Ordinal);
        Assert.Contains("http-reuse safe", shared, StringComparison.Ordinal);
        Assert.Contains("nbthread 1\n", shared, StringComparison.Ordinal);
    }
}

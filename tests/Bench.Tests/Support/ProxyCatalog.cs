using Bench.Configuration;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Proxies;

namespace Bench.Tests.Support;

/// <summary>
/// <see cref="FixtureCatalog.Models"/> with a proxy (<c>front</c>, launched as NGINX would be: it is only read here) and a
/// docker entry (<c>async-docker</c>), for the scenario tests of <c>{ target, proxy, replicas }</c>; independent of targets.yaml.
/// </summary>
public static class ProxyCatalog
{
    public const string Proxy = "front";
    public const string Docker = "async-docker";

    public static TargetCatalog Models()
    {
        var models = FixtureCatalog.Models();
        var docker = new TargetDefinition(Docker, "a container", ["/targets/Bench.Targets", "--model", "async", "--port", TargetDefinition.PortPlaceholder], new Dictionary<string, string>())
        {
            Supports = ["/hello"],
            Container = new ContainerSpec(new ImageRecipe(["/targets"], [])),
        };
        var front = new ProxyDefinition(
            new TargetDefinition(Proxy, "a proxy", ["nginx", "-p", TargetDefinition.DirPlaceholder], new Dictionary<string, string>())
            {
                Readiness = new HttpReadiness("/hello"),
                Files = [new TargetFile("nginx.conf", "listen {port}; {upstream} {reuse} {workers}", SourceLocation.WholeFile("front.conf"))],
            },
            new ProxyUpstream("server 127.0.0.1:{replica_port};", "keepalive 8;", "# limited"));
        return new TargetCatalog([.. models.Targets, docker]) { Dependencies = models.Dependencies, Proxies = [front] };
    }
}

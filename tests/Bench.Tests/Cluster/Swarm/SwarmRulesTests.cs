using Bench.Cluster.Swarm;
using Bench.Launch;
using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>What the cluster refuses before it touches the swarm; <see cref="SwarmClusterDockerTests"/> runs it on a real one.</summary>
public sealed class SwarmRulesTests
{
    private static TargetDefinition Docker(TargetReadiness? readiness = null) =>
        new("boxed", "x", ["/app/server"], new Dictionary<string, string>())
        {
            Container = new Bench.Launch.Docker.ContainerSpec(new ImageRecipe(["/app"], [])),
            Readiness = readiness ?? TargetReadiness.ListeningLine,
        };

    [Fact]
    public void An_engine_outside_any_swarm_is_refused_with_the_command_that_makes_it_a_manager()
    {
        Assert.Equal(
            "the engine at unix:///x.sock is not in a swarm (swarm: inactive): make it a manager with docker swarm init --advertise-addr <addr>",
            SwarmRules.ManagerProblem("unix:///x.sock", new Info { LocalNodeState = "inactive" }));
        Assert.Contains("(swarm: inactive)", SwarmRules.ManagerProblem("unix:///x.sock", null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_is_refused_with_where_to_find_a_manager()
    {
        Assert.Equal(
            "the engine at tcp://w:2376 is a worker of its swarm, not a manager: give --cluster a manager's endpoint (docker node ls on a manager lists them)",
            SwarmRules.ManagerProblem("tcp://w:2376", new Info { LocalNodeState = "active", ControlAvailable = false }));
        Assert.Null(SwarmRules.ManagerProblem("tcp://m:2376", new Info { LocalNodeState = "active", ControlAvailable = true }));
    }

    [Fact]
    public void Only_docker_targets_without_dependencies_and_ready_by_a_line_or_http_can_be_placed()
    {
        var process = new TargetDefinition("async", "x", ["/bin/server"], new Dictionary<string, string>());
        var needy = Docker() with { Needs = [new TargetDefinition("redis", "x", ["/usr/bin/redis-server"], new Dictionary<string, string>())] };

        Assert.Equal("only docker targets can be placed on a swarm (kind: docker)", SwarmRules.PlacementProblem(process));
        Assert.Equal(
            "needs redis, which runs beside Bench, not on the swarm: targets with dependencies cannot be placed on a swarm yet",
            SwarmRules.PlacementProblem(needy));
        Assert.StartsWith("is ready by a protocol handshake", SwarmRules.PlacementProblem(Docker(new RedisPingReadiness())), StringComparison.Ordinal);
        Assert.Null(SwarmRules.PlacementProblem(Docker()));
        Assert.Null(SwarmRules.PlacementProblem(Docker(new HttpReadiness("/hello"))));
    }
}

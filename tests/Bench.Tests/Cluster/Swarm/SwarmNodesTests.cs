using Bench.Cluster.Swarm;
using Bench.Load;

namespace Bench.Tests.Cluster.Swarm;

public sealed class SwarmNodesTests
{
    private static SwarmNode N(string host, string addr, bool target, bool generator) => new($"id-{host}", host, addr, target, generator, false);

    private static AllowedHosts Allow(string list)
    {
        Assert.True(AllowedHosts.Parse(list, out var hosts, out string error), error);
        return hosts;
    }

    [Fact]
    public void Without_a_target_node_the_error_names_the_label_command()
    {
        string? problem = SwarmNodes.Problem([N("b", "127.0.0.1", false, true)], AllowedHosts.None);

        Assert.Equal("no swarm node is labelled as a target node: docker node update --label-add bench.target=true <node> (nodes: b)", problem);
    }

    [Fact]
    public void Without_a_generator_node_the_error_names_the_label_command()
    {
        string? problem = SwarmNodes.Problem([N("a", "127.0.0.1", true, false), N("c", "127.0.0.1", false, false)], AllowedHosts.None);

        Assert.Equal("no swarm node is labelled as a generator node: docker node update --label-add bench.generator=true <node> (nodes: a, c)", problem);
    }

    [Fact]
    public void An_empty_swarm_says_no_node_is_ready()
    {
        Assert.EndsWith("(nodes: none ready and active)", SwarmNodes.Problem([], AllowedHosts.None), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_whose_address_is_neither_loopback_nor_allowed_is_refused_with_the_variable_to_set()
    {
        var nodes = new[] { N("t", "10.231.0.11", true, false), N("g", "10.231.0.12", false, true), N("idle", "8.8.8.8", false, false) };

        Assert.Equal(
            "refusing to send load to swarm node(s) t (10.231.0.11), g (10.231.0.12): only loopback and the test hosts named in $BENCH_ALLOW_HOSTS may be loaded"
            + " (name each node's private address there, like BENCH_ALLOW_HOSTS=10.231.0.11,10.231.0.12)",
            SwarmNodes.Problem(nodes, AllowedHosts.None));
        Assert.Null(SwarmNodes.Problem(nodes, Allow("10.231.0.11,10.231.0.12")));
        Assert.Null(SwarmNodes.Problem([N("one", "127.0.0.1", true, true)], AllowedHosts.None));
    }

    [Fact]
    public void Targets_go_to_the_first_target_node_by_hostname()
    {
        var nodes = new[] { N("zeta", "127.0.0.1", true, false), N("alpha", "127.0.0.1", false, true), N("beta", "127.0.0.1", true, false) };

        Assert.Equal("beta", SwarmNodes.TargetNode(nodes).Hostname);
    }
}

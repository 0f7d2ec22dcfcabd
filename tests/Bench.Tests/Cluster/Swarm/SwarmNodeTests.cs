using Bench.Cluster.Swarm;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

public sealed class SwarmNodeTests
{
    private static NodeListResponse Node(string state = "ready", string availability = "active", string addr = "10.231.0.11", Dictionary<string, string>? labels = null, bool manager = false) => new()
    {
        ID = "id1",
        Spec = new NodeUpdateParameters { Availability = availability, Labels = labels ?? new Dictionary<string, string>(), Role = manager ? "manager" : "worker" },
        Description = new NodeDescription { Hostname = "box1" },
        Status = new NodeStatus { State = state, Addr = addr },
        ManagerStatus = manager ? new ManagerStatus { Leader = true, Addr = $"{addr}:2377" } : null,
    };

    [Fact]
    public void Roles_come_from_the_nodes_labels_and_one_node_may_carry_both()
    {
        var both = SwarmNode.From(Node(labels: new() { ["bench.target"] = "true", ["bench.generator"] = "TRUE" }, manager: true));
        var target = SwarmNode.From(Node(labels: new() { ["bench.target"] = "true", ["bench.generator"] = "false" }));
        var none = SwarmNode.From(Node(labels: new() { ["bench.target"] = "" }));

        Assert.Equal(new SwarmNode("id1", "box1", "10.231.0.11", Target: true, Generator: true, Manager: true), both);
        Assert.Equal((true, false, false), (target!.Target, target.Generator, target.Manager));
        Assert.Equal((false, false), (none!.Target, none.Generator));
    }

    [Fact]
    public void A_node_that_is_down_drained_paused_or_without_an_address_takes_no_work()
    {
        Assert.Null(SwarmNode.From(Node(state: "down")));
        Assert.Null(SwarmNode.From(Node(availability: "drain")));
        Assert.Null(SwarmNode.From(Node(availability: "pause")));
        Assert.Null(SwarmNode.From(Node(addr: "")));
    }

    [Fact]
    public void A_node_is_named_by_its_id_or_its_hostname_in_any_case()
    {
        var node = SwarmNode.From(Node())!;

        Assert.True(node.IsNamed("id1"));
        Assert.True(node.IsNamed("BOX1"));
        Assert.False(node.IsNamed("box2"));
        Assert.Equal("box1 (10.231.0.11)", node.ToString());
    }
}

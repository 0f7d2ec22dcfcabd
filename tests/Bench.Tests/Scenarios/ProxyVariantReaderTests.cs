using Bench.Running;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>
/// A scenario's proxy in front of replicas, <c>{ name, target, proxy, replicas: [..] }</c>: one target per replica count,
/// named <c>&lt;name&gt;-x&lt;N&gt;</c>, launched as the proxy in front of N copies of the entry; every mistake one
/// file:line:column line.
/// </summary>
public sealed class ProxyVariantReaderTests
{
    private const string Head = """
        name: lb
        description: a proxy in front of replicas
        request: { path: "/io?ms=20" }
        load: { levels: [4] }

        """;

    private static Scenario Load(string rest) =>
        Assert.Single(new ScenarioLoader(ProxyCatalog.Models()).Parse(Head + rest, "s.yaml"));

    private static string[] Errors(string rest) =>
        Assert.Throws<ScenarioException>(() => new ScenarioLoader(ProxyCatalog.Models()).Parse(Head + rest, "s.yaml"))
            .Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void Given_replica_counts_then_each_count_is_a_target_named_with_its_count_that_runs_the_proxy_in_front_of_that_many_replicas()
    {
        var catalog = ProxyCatalog.Models();
        var scenario = Assert.Single(new ScenarioLoader(catalog).Parse(Head + """
            targets:
              - sync
              - { name: sync-front, target: sync, proxy: front, replicas: [1, 2, 4] }
            gates: ["sync-front-x4@4 throughput / sync-front-x1@4 throughput >= 2.5"]
            """, "s.yaml"));

        Assert.Equal(["sync", "sync-front-x1", "sync-front-x2", "sync-front-x4"], scenario.Targets);
        var x2 = ScenarioTargetDefinition.For(catalog, scenario, "sync-front-x2");
        Assert.Equal("sync-front-x2", x2.Name);
        Assert.Equal(("front", "sync", 2), (x2.Topology!.Proxy.Name, x2.Topology.Backend.Name, x2.Topology.Replicas));
        Assert.Equal(catalog.Find("sync")!.Supports, x2.Supports);
        Assert.Null(ScenarioTargetDefinition.For(catalog, scenario, "sync").Topology);
        Assert.Equal("/io?ms=20", scenario.RequestOf("sync-front-x4").Path);
    }

    [Fact]
    public void A_proxy_variant_may_have_its_own_path()
    {
        var scenario = Load("""targets: [{ name: f, target: sync, proxy: front, replicas: [2], path: /hello }]""");

        Assert.Equal("/hello", scenario.RequestOf("f-x2").Path);
    }

    [Fact]
    public void An_unknown_proxy_is_one_line_naming_the_known_ones()
    {
        Assert.Equal(
            ["s.yaml:6:37: targets[0].proxy: found 'squid'; expected a proxy of the catalogue (front)"],
            Errors("""
                targets:
                  - { name: f, target: sync, proxy: squid, replicas: [1] }
                """));
    }

    [Theory]
    [InlineData("[0]", "s.yaml:6:55: targets[0].replicas[0]: found '0'; expected a whole number from 1 to 64")]
    [InlineData("[1, -2]", "s.yaml:6:58: targets[0].replicas[1]: found '-2'; expected a whole number from 1 to 64")]
    [InlineData("[two]", "s.yaml:6:55: targets[0].replicas[0]: found 'two'; expected a whole number from 1 to 64")]
    [InlineData("[1.5]", "s.yaml:6:55: targets[0].replicas[0]: found '1.5'; expected a whole number from 1 to 64")]
    [InlineData("[2, 2]", "s.yaml:6:58: targets[0].replicas[1]: 2 is listed twice; each count is one target")]
    [InlineData("4", "s.yaml:6:54: targets[0].replicas: found '4'; expected a list of replica counts, like [1, 2, 4]")]
    public void Replicas_that_are_not_distinct_positive_whole_numbers_are_one_line_at_the_value(string replicas, string error)
    {
        Assert.Equal([error], Errors($$"""
            targets:
              - { name: f, target: sync, proxy: front, replicas: {{replicas}} }
            """));
    }

    [Fact]
    public void A_proxy_in_front_of_a_docker_target_is_refused()
    {
        Assert.Equal(
            ["s.yaml:6:45: targets[0].proxy: 'async-docker' is a docker target; replicas behind a proxy are process targets"],
            Errors("""
                targets:
                  - { name: f, target: async-docker, proxy: front, replicas: [1] }
                """));
    }

    [Fact]
    public void A_proxy_needs_replicas_and_replicas_need_a_proxy()
    {
        var errors = Errors("""
            targets:
              - { name: f, target: sync, proxy: front }
              - { name: g, target: sync, replicas: [2] }
            """);

        Assert.Equal(2, errors.Length);
        Assert.StartsWith("s.yaml:6:5: targets[0]", errors[0], StringComparison.Ordinal);
        Assert.Contains("replicas", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:7:5: targets[1]", errors[1], StringComparison.Ordinal);
        Assert.Contains("proxy", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_expanded_name_that_another_target_already_has_is_listed_twice()
    {
        Assert.Equal(
            ["s.yaml:7:5: targets[1]: 'f-x1' is listed twice; each target runs once per level"],
            Errors("""
                targets:
                  - { name: f-x1, target: sync, path: /hello }
                  - { name: f, target: sync, proxy: front, replicas: [1] }
                """));
    }

    [Fact]
    public void A_gate_naming_the_unexpanded_name_is_refused_because_only_the_counts_are_targets()
    {
        var errors = Errors("""
            targets: [{ name: f, target: sync, proxy: front, replicas: [1, 2] }]
            gates: ["f@4 throughput > 1"]
            """);

        Assert.Contains("'f'", Assert.Single(errors), StringComparison.Ordinal);
    }
}

using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>A scenario's <c>background:</c> streams and its target variants: read whole, and every mistake one file:line:column line.</summary>
public sealed class BackgroundReaderTests
{
    private const string Head = """
        name: stall
        description: a probe beside long CPU requests
        request: { path: /hello }
        load: { levels: [1] }

        """;

    private static Scenario Load(string rest) =>
        Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse(Head + rest, "s.yaml"));

    private static string Error(string rest)
    {
        var error = Assert.Throws<ScenarioException>(() => new ScenarioLoader(FixtureCatalog.Models()).Parse(Head + rest, "s.yaml"));
        return Assert.Single(error.Errors).ToString();
    }

    [Fact]
    public void Given_no_background_a_scenario_has_none_and_its_targets_are_their_catalogue_entries()
    {
        var scenario = Load("targets: [eventloop]");

        Assert.Empty(scenario.Background);
        Assert.Equal("eventloop", scenario.CatalogueTarget("eventloop"));
        Assert.Equal("/hello", scenario.RequestOf("eventloop").Path);
    }

    [Fact]
    public void A_closed_and_an_open_stream_are_read_with_their_requests()
    {
        var scenario = Load("""
            targets: [eventloop]
            background:
              - { name: cpu, path: "/cpu?n=60000", connections: 2 }
              - { name: paced, path: /hello, rate: 50, expect: { body: "Hello, World!" } }
            """);

        Assert.Collection(
            scenario.Background,
            cpu => Assert.Equal(("cpu", "/cpu?n=60000", (int?)2, (int?)null), (cpu.Name, cpu.Request.Path, cpu.Connections, cpu.Rate)),
            paced => Assert.Equal(("paced", "Hello, World!", (int?)null, (int?)50), (paced.Name, paced.Request.Expect.Body, paced.Connections, paced.Rate)));
    }

    [Fact]
    public void A_variant_runs_its_catalogue_entry_with_its_own_path_and_background_paths()
    {
        var scenario = Load("""
            targets:
              - eventloop
              - { name: eventloop-io, target: eventloop, path: "/io?ms=20" }
              - { name: eventloop-yields, target: eventloop, background: { cpu: "/cpu?n=60000&yield=500" } }
            background: [{ name: cpu, path: "/cpu?n=60000", connections: 1 }]
            """);

        Assert.Equal(["eventloop", "eventloop-io", "eventloop-yields"], scenario.Targets);
        Assert.Equal("eventloop", scenario.CatalogueTarget("eventloop-io"));
        Assert.Equal("/io?ms=20", scenario.RequestOf("eventloop-io").Path);
        Assert.Equal("/cpu?n=60000", Assert.Single(scenario.BackgroundOf("eventloop-io")).Request.Path);
        Assert.Equal("/hello", scenario.RequestOf("eventloop-yields").Path);
        Assert.Equal("/cpu?n=60000&yield=500", Assert.Single(scenario.BackgroundOf("eventloop-yields")).Request.Path);
        Assert.Equal("/cpu?n=60000", Assert.Single(scenario.BackgroundOf("eventloop")).Request.Path);
    }

    [Fact]
    public void A_gate_compares_a_variant_with_its_catalogue_entry_by_name()
    {
        var scenario = Load("""
            targets: [eventloop, { name: eventloop-io, target: eventloop, path: "/io?ms=20" }]
            gates: ["eventloop-io@1 throughput / eventloop@1 throughput >= 2"]
            """);

        Assert.Single(scenario.Gates);
    }

    [Theory]
    [InlineData("targets: [async]\nbackground: [{ name: cpu, path: /hello }]", "s.yaml:6:14: background[0]: give connections (a closed stream) or rate (requests per second, an open one), one of the two")]
    [InlineData("targets: [async]\nbackground: [{ name: cpu, path: /hello, connections: 1, rate: 5 }]", "s.yaml:6:14: background[0]: give connections (a closed stream) or rate (requests per second, an open one), one of the two")]
    [InlineData("targets: [async]\nbackground: [{ name: a, path: /hello, rate: 5 }, { name: a, path: /hello, rate: 5 }]", "s.yaml:6:50: background[1]: 'a' is named twice; each stream needs its own name")]
    [InlineData("targets: [async]\nbackground: [{ name: cpu, path: hello, connections: 1 }]", "s.yaml:6:33: background[0].path: found 'hello'; expected a path starting with / and without spaces, like \"/io?ms=50\"")]
    [InlineData("targets: [async]\nbackground: [{ name: cpu, path: /hello, connections: 0 }]", "s.yaml:6:54: background[0].connections: found '0'; expected a whole number")]
    [InlineData("targets: [async]\nbackground: [{ name: cpu, path: /hello, connection: 1 }]", "s.yaml:6:41: background[0]: unknown field 'connection'; did you mean 'connections'? allowed: method, path, headers, expect, name, connections, rate")]
    [InlineData("targets: [hello-only]\nbackground: [{ name: cpu, path: \"/cpu?n=9\", connections: 1 }]", "s.yaml:5:11: target 'hello-only' does not serve /cpu (it supports /hello)")]
    [InlineData("targets: [{ name: e-io, target: nope, path: /hello }]", "s.yaml:5:33: targets[0].target: found 'nope'; expected a target of the catalogue (")]
    [InlineData("targets: [{ name: async, target: eventloop, path: /hello }]", "s.yaml:5:19: targets[0].name: found 'async'; expected a name of its own: 'async' is a catalogue target")]
    [InlineData("targets: [{ name: e2, target: eventloop }]", "s.yaml:5:11: targets[0]: 'e2' sends what 'eventloop' sends; give it a path or background paths of its own, or list 'eventloop' by name")]
    [InlineData("targets: [{ name: e2, target: eventloop, background: { cpu: /hello } }]", "s.yaml:5:11: targets[0].background: no stream named 'cpu' in this scenario's background (it has none)")]
    [InlineData("targets: [{ name: h2, target: hello-only, path: \"/io?ms=5\" }]", "s.yaml:5:11: target 'h2' (hello-only) does not serve /io (it supports /hello)")]
    [InlineData("targets: [async, { name: async, target: eventloop, path: /hello }]", "s.yaml:5:26: targets[1].name: found 'async'; expected a name of its own: 'async' is a catalogue target")]
    public void A_bad_stream_or_variant_is_one_line_with_where_and_why(string rest, string expected)
    {
        Assert.StartsWith(expected, Error(rest));
    }
}

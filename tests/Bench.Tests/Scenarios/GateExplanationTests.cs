using Bench.Results;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>A gate may carry the sentence saying why it should hold: <c>{ gate: "…", why: "…" }</c> beside plain lines.</summary>
public sealed class GateExplanationTests
{
    private const string Head = """
        name: gil
        description: d
        targets: [sync, async]
        request: { path: /hello }
        load: { levels: [1, 2] }
        gates:

        """;

    private static Scenario Load(string gates) => Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse(Head + gates, "s.yaml"));

    private static string[] Errors(string gates) =>
        Assert.Throws<ScenarioException>(() => new ScenarioLoader(FixtureCatalog.Models()).Parse(Head + gates, "s.yaml")).Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void Given_a_gate_with_why_and_a_plain_one_both_load_and_only_the_first_has_an_explanation()
    {
        var scenario = Load("""
              - gate: "async@2 throughput / async@1 throughput >= 1.6"
                why: two connections, twice the throughput
              - "async@2 p99 < 80ms"
            """);

        Assert.Equal(["async@2 throughput / async@1 throughput >= 1.6", "async@2 p99 < 80ms"], scenario.Gates.Select(g => g.Expression));
        Assert.Equal(["two connections, twice the throughput", null], scenario.Gates.Select(g => g.Why));
        Assert.Equal("s.yaml:7:12", scenario.Gates[0].Location.ToString()); // inside the quotes, as for a plain line
        Assert.Equal("two connections, twice the throughput", ScenarioDefinition.From(scenario).Gates[0].Why);
    }

    [Fact]
    public void An_error_in_an_explained_gate_points_into_its_gate_text()
    {
        Assert.Equal(
            ["s.yaml:7:20: gates[0]: unknown metric 'thruput'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction"],
            Errors("""
                  - gate: "async@2 thruput >= 1"
                    why: w
                """));
    }

    [Theory]
    [InlineData("  - why: alone\n", "s.yaml:7:5: gates[0]: 'gate' is missing; expected a quoted line like")]
    [InlineData("  - { gate: \"async@1 p99 < 5ms\", because: x }\n", "s.yaml:7:34: gates[0]: unknown field 'because'; allowed: gate, why")]
    [InlineData("  - { gate: \"async@1 p99 < 5ms\", why: [a, b] }\n", "s.yaml:7:39: gates[0].why: found a list; expected one sentence saying why the gate should hold")]
    public void A_bad_explained_gate_is_one_line_with_where(string gates, string expected)
    {
        Assert.StartsWith(expected, Assert.Single(Errors(gates)), StringComparison.Ordinal);
    }
}

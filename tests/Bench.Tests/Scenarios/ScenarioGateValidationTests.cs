using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>Gates are checked when scenarios load, so a run refuses a malformed one before launching anything.</summary>
public sealed class ScenarioGateValidationTests
{
    private const string Scenario = """
        name: ok
        description: valid
        targets: [sync, async]
        request: { path: /hello }
        load: { levels: [1, 64] }
        gates:

        """;

    private static readonly ScenarioLoader Loader = new(FixtureCatalog.Models());

    private static string[] ErrorsOf(params string[] gateLines)
    {
        var error = Assert.Throws<ScenarioException>(() => Loader.Parse(Scenario + string.Join('\n', gateLines), "s.yaml"));
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    [Fact]
    public void Every_documented_gate_form_loads_with_its_position_inside_the_quotes()
    {
        var scenario = Assert.Single(Loader.Parse(Scenario + """
              - "async@64 p99 < 5ms"
              - '*@* errorRate < 0.1%'
              - "async@64 throughput / sync@64 throughput >= 10"
              - "*@* throughput regression < 10%"
            """, "s.yaml"));

        Assert.Equal(4, scenario.Gates.Count);
        Assert.Equal(["s.yaml:7:6", "s.yaml:8:6", "s.yaml:9:6", "s.yaml:10:6"], scenario.Gates.Select(g => g.Location.ToString()));
    }

    [Fact]
    public void A_malformed_gate_is_reported_at_the_file_line_and_column_of_the_unreadable_part()
    {
        var errors = ErrorsOf(
            "  - \"async@64 p95 < 5ms\"",
            "  - \"async@64 throughput >= 20k\"",
            "  - \"*@* throughput regression < 10\"");

        Assert.Equal(
        [
            "s.yaml:7:15: gates[0]: unknown metric 'p95'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction",
            "s.yaml:8:29: gates[1]: '20k' is not a number of requests per second like 20000 (no unit)",
            "s.yaml:9:34: gates[2]: '10' is not a percentage like 10%",
        ], errors);
    }

    [Fact]
    public void A_gate_naming_a_target_or_level_the_scenario_does_not_run_is_an_error()
    {
        var errors = ErrorsOf("  - \"threads@64 throughput / sync@16 throughput >= 2\"");

        Assert.Equal(
        [
            "s.yaml:7:6: gates[0]: target 'threads' is not one of this scenario's targets (sync, async)",
            "s.yaml:7:35: gates[0]: level 16 is not one of this scenario's levels (1, 64)",
        ], errors);
    }

    [Fact]
    public void A_malformed_gate_in_a_file_is_refused_with_the_file_s_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"bench-gate-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Scenario + "  - \"async@64 p99 <\"\n");
        try
        {
            var error = Assert.Throws<ScenarioException>(() => Loader.LoadFile(path));

            Assert.Equal($"{path}:7:20: gates[0]: missing a threshold after the comparison; expected a time like 5ms, 0.2s or 500us (a bare number is milliseconds)", Assert.Single(error.Errors).ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

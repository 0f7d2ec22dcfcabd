using Bench.Reports;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>How a scenario's results become the report's targets, levels and models.</summary>
public sealed class ScenarioViewTests
{
    private static LevelResult Level(string target, int level, double rps, double cpuMsPerRequest, bool valid = true) =>
        SampleResults.Level(target, level, 1, rps, valid) with { Resources = new ResourceResult(1, cpuMsPerRequest, 1 << 20, 4, 0, 0) };

    private static ScenarioView View(params LevelResult[] levels) =>
        ScenarioView.From(new ScenarioResults("io", ScenarioDefinition.From(SampleResults.Scenario()), [], levels), SampleResults.Run());

    [Fact]
    public void The_model_takes_R0_from_level_one_and_S_as_the_least_CPU_per_request_of_any_trusted_level()
    {
        // At level 1 the target's idle CPU is shared by 48 requests (0.3 ms each); at 64 by 3000 (0.03 ms). 0.01 is invalid.
        var view = View(Level("async", 1, 48, 0.3), Level("async", 64, 3000, 0.03), Level("async", 256, 9000, 0.01, valid: false));

        var model = view.ModelFor("async")!.Fit!.Model;

        Assert.Equal(20.5, model.ServiceMs);         // SampleResults' mean latency
        Assert.Equal(1.5, model.ThinkMs);            // think 1ms..2ms: its middle on average
        Assert.Equal(0.03, model.CpuMsPerRequest);
        Assert.Equal(1, model.Cores);                // pinned to "0"
        Assert.Equal([1, 64], view.ModelFor("async")!.Fit!.Points.Select(p => p.Level));
    }

    [Fact]
    public void Given_a_scenario_with_its_own_placement_the_model_uses_its_cores_not_the_run_s()
    {
        var definition = ScenarioDefinition.From(SampleResults.Scenario()) with { Placement = new PlacementDefinition("0-1", null) };
        var levels = new[] { Level("async", 1, 48, 0.3), Level("async", 64, 3000, 0.03) };

        var view = ScenarioView.From(new ScenarioResults("io", definition, [], levels), SampleResults.Run());

        Assert.Equal(2, view.ModelFor("async")!.Fit!.Model.Cores); // the run pinned targets to "0"; this scenario to "0-1"
    }

    [Fact]
    public void A_target_held_by_its_declared_concurrency_limit_is_said_to_be_held_by_it()
    {
        // R₀ = 20.5 ms, Z = 1.5 ms: a pool of 4 makes L/R₀ = 195/s; ideal at 64 is 2 909/s.
        var verification = new TargetVerification("sync", true, null) { ConcurrencyLimit = 4 };
        var levels = new[] { Level("sync", 1, 45, 0.05), Level("sync", 16, 190, 0.05), Level("sync", 64, 193, 0.05) };

        var view = ScenarioView.From(new ScenarioResults("io", ScenarioDefinition.From(SampleResults.Scenario()), [verification], levels), SampleResults.Run());
        string said = ModelSummary.For(view).Single(s => s.Target == "sync").Text;

        Assert.Equal(4, view.ModelFor("sync")!.Fit!.Model.ConcurrencyLimit);
        Assert.Contains("its own limit of 4 at once 195/s", said, StringComparison.Ordinal);
        Assert.Contains("it serves at most 4 requests at a time, as its catalogue entry declares", said, StringComparison.Ordinal);
        Assert.DoesNotContain("something other than", said, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_trusted_level_one_there_is_no_model_and_the_reason_is_given()
    {
        var view = View(Level("sync", 1, 48, 0.3, valid: false), Level("sync", 4, 48, 0.3));

        Assert.Null(view.ModelFor("sync")!.Fit);
        Assert.Equal("level 1 is invalid, and the model starts from it", view.ModelFor("sync")!.Missing);
    }

    [Fact]
    public void Targets_keep_the_scenario_s_order_and_levels_are_ascending()
    {
        var view = View(Level("async", 64, 3000, 0.03), Level("sync", 4, 48, 0.3), Level("async", 1, 48, 0.3));

        Assert.Equal(["sync", "async"], view.Targets);
        Assert.Equal([1, 4, 64], view.Levels);
        Assert.Equal([1, 64], view.Row("async").Select(c => c.Level));
        Assert.Equal("1 connection", view.LevelText(1));
    }
}

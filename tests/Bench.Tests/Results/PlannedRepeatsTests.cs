using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

/// <summary>How many repeats a cell was planned to have, as `bench gate` and `bench baseline update` ask it.</summary>
public sealed class PlannedRepeatsTests
{
    private static ScenarioResults Scenario(AutoRepeatsDefinition? auto, int repeats, params CellInterval[] intervals)
    {
        var definition = ScenarioDefinition.From(SampleResults.Scenario());
        return new ScenarioResults("io", definition with { Load = definition.Load with { Repeats = repeats, AutoRepeats = auto } }, [], []) { Intervals = intervals };
    }

    private static readonly AutoRepeatsDefinition Auto = new(3, 6, 5);

    [Fact]
    public void Given_a_fixed_count_then_every_cell_is_planned_that_often()
    {
        var scenario = Scenario(null, 2, new CellInterval("sync", 1, 1, 1, 48, null, null));

        Assert.Equal((2, 2), (scenario.PlannedRepeats("sync", 1), scenario.PlannedRepeats("async", 64)));
    }

    [Fact]
    public void Given_auto_when_a_cell_converged_then_it_was_planned_for_the_repeats_it_took()
    {
        var scenario = Scenario(Auto, 6, new CellInterval("sync", 1, 4, 4, 48, 1, true));

        Assert.Equal(4, scenario.PlannedRepeats("sync", 1));
    }

    [Fact]
    public void Given_auto_when_a_cell_never_converged_or_never_ran_then_it_was_planned_for_the_maximum()
    {
        var scenario = Scenario(Auto, 6, new CellInterval("sync", 1, 4, 4, 48, 20, false));

        Assert.Equal((6, 6), (scenario.PlannedRepeats("sync", 1), scenario.PlannedRepeats("async", 64)));
    }
}

using Bench.Running;
using Bench.Scenarios;

namespace Bench.Tests.Running;

/// <summary>The "is this cell done" rule of <c>repeats: auto</c>, and the interval it rests on: arithmetic only.</summary>
public sealed class RepeatRuleTests
{
    private static readonly RepeatRule Rule = RepeatRule.For(AutoRepeats.Default); // 3 to 5 repeats, ±5 %

    [Fact]
    public void The_interval_is_the_mean_plus_or_minus_t_times_the_standard_error()
    {
        // s = 10, n = 3: 4.303 × 10 / √3.
        var interval = ConfidenceInterval.Of95([100, 110, 90]);

        Assert.Equal(100, interval.Mean, 9);
        Assert.Equal(4.303 * 10 / Math.Sqrt(3), interval.HalfWidth!.Value, 9);
        Assert.Equal(3, interval.N);
    }

    [Fact]
    public void One_value_has_no_half_width_and_none_has_no_mean()
    {
        Assert.Equal(new ConfidenceInterval(42, null, 1), ConfidenceInterval.Of95([42]));
        Assert.Equal(new ConfidenceInterval(0, null, 0), ConfidenceInterval.Of95([]));
        Assert.False(ConfidenceInterval.Of95([42]).IsWithin(0.5));
    }

    [Fact]
    public void Beyond_30_degrees_of_freedom_t_stays_at_its_value_for_30_the_wider_side()
    {
        Assert.Equal(12.706, Bench.Gates.StudentT.TwoSided95(1));
        Assert.Equal(2.042, Bench.Gates.StudentT.TwoSided95(30));
        Assert.Equal(2.042, Bench.Gates.StudentT.TwoSided95(500));
    }

    [Fact]
    public void Given_three_close_repeats_when_the_interval_is_within_5_percent_then_the_cell_has_converged()
    {
        // s = 1, n = 3: half-width 2.48, 2.5 % of 100.
        Assert.Equal(RepeatDecision.Converged, Rule.Decide(3, [100, 101, 99]));
    }

    [Fact]
    public void Given_two_identical_repeats_then_the_cell_goes_on_because_two_say_nothing_of_the_spread()
    {
        Assert.Equal(RepeatDecision.Continue, Rule.Decide(2, [100, 100]));
    }

    [Fact]
    public void Given_spread_repeats_then_the_cell_goes_on_until_the_maximum_and_is_then_exhausted()
    {
        double[] spread = [100, 110, 90, 105, 95];

        Assert.Equal(RepeatDecision.Continue, Rule.Decide(3, spread[..3]));
        Assert.Equal(RepeatDecision.Continue, Rule.Decide(4, spread[..4]));
        Assert.Equal(RepeatDecision.Exhausted, Rule.Decide(5, spread));
    }

    [Fact]
    public void A_repeat_that_does_not_count_costs_a_run_but_not_a_value()
    {
        // 5 runs, 2 of them invalid: three values, but spread; five runs is the maximum.
        Assert.Equal(RepeatDecision.Exhausted, Rule.Decide(5, [100, 120, 80]));
        // 3 runs, 1 invalid: two steady values are not enough.
        Assert.Equal(RepeatDecision.Continue, Rule.Decide(3, [100, 100]));
    }

    [Fact]
    public void The_bound_is_the_scenario_s_half_width_inclusive()
    {
        double[] values = [100, 101, 99]; // half-width 2.484
        var interval = ConfidenceInterval.Of95(values);

        Assert.Equal(RepeatDecision.Converged, new RepeatRule(3, 5, interval.HalfWidth!.Value / 100).Decide(3, values));
        Assert.Equal(RepeatDecision.Continue, new RepeatRule(3, 5, 0.02).Decide(3, values));
    }

    [Fact]
    public void A_cell_that_answered_nothing_every_time_has_converged_at_zero()
    {
        Assert.Equal(RepeatDecision.Converged, Rule.Decide(3, [0, 0, 0]));
    }
}

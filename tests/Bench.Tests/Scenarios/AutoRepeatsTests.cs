using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary><c>load.repeats: auto</c> and its mapping form: read with their defaults, or refused with file:line:column.</summary>
public sealed class AutoRepeatsTests
{
    private static readonly ScenarioLoader Loader = new(FixtureCatalog.Models());

    private static string WithRepeats(string repeats) => $$"""
        name: ok
        description: valid
        targets: [async, sync]
        request: { path: /hello }
        load: { levels: [1, 4], warmup: 1s, duration: 2s, cooldown: 1s, repeats: {{repeats}} }
        """;

    private static LoadProfile LoadOf(string repeats) => Assert.Single(Loader.Parse(WithRepeats(repeats), "s.yaml")).Load;

    private static string ErrorOf(string repeats) =>
        Assert.Single(Assert.Throws<ScenarioException>(() => Loader.Parse(WithRepeats(repeats), "s.yaml")).Errors).ToString();

    [Fact]
    public void Given_repeats_auto_then_each_cell_repeats_at_most_5_times_until_within_5_percent()
    {
        var load = LoadOf("auto");

        Assert.Equal(new AutoRepeats(5, 0.05), load.AutoRepeats);
        Assert.Equal(5, load.Repeats);
        Assert.Equal(3, AutoRepeats.Min);
    }

    [Fact]
    public void Given_the_mapping_form_then_its_maximum_and_bound_are_used_and_missing_ones_default()
    {
        Assert.Equal((8, new AutoRepeats(8, 0.02)), (LoadOf("{ auto: true, max: 8, ci: 2% }").Repeats, LoadOf("{ auto: true, max: 8, ci: 2% }").AutoRepeats));
        Assert.Equal(AutoRepeats.Default, LoadOf("{ auto: true }").AutoRepeats);
        Assert.Equal(new AutoRepeats(5, 0.1), LoadOf("{ auto: true, ci: 10% }").AutoRepeats);
    }

    [Fact]
    public void Given_a_fixed_count_then_there_is_no_auto_rule()
    {
        var load = LoadOf("3");

        Assert.Equal((3, null), (load.Repeats, load.AutoRepeats));
    }

    [Theory]
    [InlineData("sometimes", "s.yaml:5:74: load.repeats: found 'sometimes'; expected a whole number from 1 to 1000, auto, or a mapping like { auto: true, max: 8, ci: 5% }")]
    [InlineData("\"auto\"", "s.yaml:5:74: load.repeats: found the string \"auto\"; expected a whole number from 1 to 1000, auto, or a mapping like { auto: true, max: 8, ci: 5% }")]
    [InlineData("[auto]", "s.yaml:5:74: load.repeats: found a list; expected a whole number from 1 to 1000, auto, or a mapping like { auto: true, max: 8, ci: 5% }")]
    [InlineData("{ auto: true, max: 2 }", "s.yaml:5:93: load.repeats.max: found '2'; expected a whole number from 3 to 1000")]
    [InlineData("{ auto: true, ci: 0% }", "s.yaml:5:92: load.repeats.ci: found '0%'; expected a percentage like 5% (the half-width of the throughput's 95 % interval), more than 0% and at most 50%")]
    [InlineData("{ auto: true, ci: 5 }", "s.yaml:5:92: load.repeats.ci: found '5'; expected a percentage like 5% (the half-width of the throughput's 95 % interval), more than 0% and at most 50%")]
    [InlineData("{ auto: false, max: 4 }", "s.yaml:5:82: load.repeats.auto: found 'false'; expected true (a mapping sets up auto repeats; for a fixed count write repeats: N)")]
    [InlineData("{ max: 4 }", "s.yaml:5:74: load.repeats: 'auto' is missing; expected auto: true")]
    [InlineData("{ auto: true, min: 2 }", "s.yaml:5:88: load.repeats: unknown field 'min'; allowed: auto, max, ci")]
    public void A_bad_repeats_value_says_where_what_was_found_and_what_is_allowed(string repeats, string expected)
    {
        Assert.Equal(expected, ErrorOf(repeats));
    }

    [Fact]
    public void With_auto_repeats_the_sweep_time_is_an_upper_bound_counting_every_cell_at_its_maximum()
    {
        var auto = Assert.Single(Loader.Parse(WithRepeats("{ auto: true, max: 4 }"), "s.yaml"));
        var fixedCount = Assert.Single(Loader.Parse(WithRepeats("4"), "s.yaml"));

        // 2 targets × (2 levels × 4 repeats × 3 s + 7 cool-downs of 1 s) = 2 × 31 s.
        Assert.Equal(TimeSpan.FromSeconds(62), auto.EstimatedSweepTime);
        Assert.Equal((true, false), (auto.SweepTimeIsUpperBound, fixedCount.SweepTimeIsUpperBound));
        Assert.Equal(fixedCount.EstimatedSweepTime, auto.EstimatedSweepTime);
    }
}

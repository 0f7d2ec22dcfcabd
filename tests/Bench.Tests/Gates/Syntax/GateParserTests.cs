using Bench.Gates.Syntax;

namespace Bench.Tests.Gates.Syntax;

/// <summary>The documented gate strings parse to what they say; anything else names the part it could not read.</summary>
public sealed class GateParserTests
{
    private static GateExpression Parse(string text)
    {
        Assert.True(GateParser.TryParse(text, out var gate, out var error), error?.Message);
        return gate;
    }

    private static GateSyntaxError ErrorOf(string text)
    {
        Assert.False(GateParser.TryParse(text, out _, out var error));
        return error;
    }

    [Theory]
    [InlineData("async@64 p99 < 5ms", "async", 64, GateMetric.P99, "<", 5.0)]
    [InlineData("async@64 p99 < 0.2s", "async", 64, GateMetric.P99, "<", 200.0)]
    [InlineData("async@64 p999<=500us", "async", 64, GateMetric.P999, "<=", 0.5)]
    [InlineData("async@64 mean < 7", "async", 64, GateMetric.Mean, "<", 7.0)]
    [InlineData("*@* errorRate < 0.1%", null, null, GateMetric.ErrorRate, "<", 0.001)]
    [InlineData("*@16 errorRate <= 0.05", null, 16, GateMetric.ErrorRate, "<=", 0.05)]
    [InlineData("async@256 throughput >= 20000", "async", 256, GateMetric.Throughput, ">=", 20000.0)]
    [InlineData("kestrel@* cpuMsPerRequest < 0.25ms", "kestrel", null, GateMetric.CpuMsPerRequest, "<", 0.25)]
    [InlineData("threads@64 peakRss < 200MB", "threads", 64, GateMetric.PeakRss, "<", 200e6)]
    [InlineData("threads@64 peakRss < 1.5GiB", "threads", 64, GateMetric.PeakRss, "<", 1.5 * 1024 * 1024 * 1024)]
    [InlineData("sync@1 max > 1ms", "sync", 1, GateMetric.Max, ">", 1.0)]
    public void An_absolute_gate_reads_the_target_level_metric_and_threshold_in_results_units(string text, string? target, int? level, GateMetric metric, string comparison, double threshold)
    {
        var gate = Assert.IsType<AbsoluteGate>(Parse(text));

        Assert.Equal(new GateSelector(target, level), gate.Measured.Selector);
        Assert.Equal(metric, gate.Measured.Metric);
        Assert.Equal(comparison, gate.Comparison.Symbol);
        Assert.Equal(threshold, gate.Threshold, 9);
    }

    [Fact]
    public void A_ratio_gate_reads_both_sides_and_a_plain_number()
    {
        var gate = Assert.IsType<RatioGate>(Parse("async@256 throughput / sync@256 throughput >= 10"));

        Assert.Equal(new GateOperand(new GateSelector("async", 256), GateMetric.Throughput, 0), gate.Numerator);
        Assert.Equal(new GateOperand(new GateSelector("sync", 256), GateMetric.Throughput, 23), gate.Denominator);
        Assert.Equal((">=", 10.0), (gate.Comparison.Symbol, gate.Threshold));
    }

    [Fact]
    public void A_regression_gate_reads_its_tolerance_as_a_fraction()
    {
        var gate = Assert.IsType<RegressionGate>(Parse("*@* throughput regression < 10%"));

        Assert.Equal(new GateSelector(null, null), gate.Measured.Selector);
        Assert.Equal(0.1, gate.Tolerance, 9);
    }

    [Theory]
    [InlineData("async@64  p99<5ms", "async@64 p99 < 5ms")]
    [InlineData("a@1 throughput/b@1 throughput>=2.5", "a@1 throughput / b@1 throughput >= 2.5")]
    [InlineData("*@* p99 regression <= 5%", "*@* p99 regression <= 5%")]
    public void A_gate_is_written_back_in_the_documented_form(string text, string written)
    {
        Assert.Equal(written, Parse(text).ToString());
    }

    [Fact]
    public void Wildcards_expand_to_every_target_and_level_and_a_ratio_s_right_wildcard_follows_the_left()
    {
        var gate = Parse("*@* throughput / sync@* throughput >= 2");

        var expanded = gate.Expand(["async", "threads"], [1, 64]).Select(g => g.ToString());

        Assert.Equal(
        [
            "async@1 throughput / sync@1 throughput >= 2",
            "async@64 throughput / sync@64 throughput >= 2",
            "threads@1 throughput / sync@1 throughput >= 2",
            "threads@64 throughput / sync@64 throughput >= 2",
        ], expanded);
    }

    [Theory]
    [InlineData("", 0, "the gate is empty; expected a line like \"async@64 p99 < 80ms\"")]
    [InlineData("p99 < 5ms", 0, "'p99' is not <target>@<level>, like async@64 or *@*; every side of a gate starts with one")]
    [InlineData("async64 p99 < 5ms", 0, "'async64' is not <target>@<level>, like async@64 or *@*; every side of a gate starts with one")]
    [InlineData("async@x p99 < 5ms", 6, "level 'x' in 'async@x' is not a whole number ≥ 1 or *")]
    [InlineData("async@0 p99 < 5ms", 6, "level '0' in 'async@0' is not a whole number ≥ 1 or *")]
    [InlineData("as$ync@1 p99 < 5ms", 0, "'as$ync' in 'as$ync@1' is not a target name or *")]
    [InlineData("async@64", 8, "missing the metric after 'async@64'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction")]
    [InlineData("async@64 p95 < 5ms", 9, "unknown metric 'p95'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction")]
    [InlineData("async@64 errorrate < 1%", 9, "unknown metric 'errorrate'; did you mean 'errorRate'? expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction")]
    [InlineData("async@64 p99", 12, "missing the comparison after 'async@64 p99' (or '/' for a ratio, or 'regression'); expected <, <=, > or >=")]
    [InlineData("async@64 p99 under 5ms", 13, "found 'under' after 'async@64 p99' (or '/' for a ratio, or 'regression'); expected <, <=, > or >=")]
    [InlineData("async@64 p99 == 5ms", 13, "'==' is not a comparison here; use <, <=, > or >=")]
    [InlineData("async@64 p99 <", 14, "missing a threshold after the comparison; expected a time like 5ms, 0.2s or 500us (a bare number is milliseconds)")]
    [InlineData("async@64 p99 < 5xs", 15, "'5xs' is not a time like 5ms, 0.2s or 500us (a bare number is milliseconds)")]
    [InlineData("async@64 p99 < -5ms", 15, "'-5ms' is not a time like 5ms, 0.2s or 500us (a bare number is milliseconds)")]
    [InlineData("async@64 p99 < 5 ms", 17, "unexpected 'ms' after the value; write the unit without a space, like 5ms or 10%")]
    [InlineData("async@64 throughput >= 20k", 23, "'20k' is not a number of requests per second like 20000 (no unit)")]
    [InlineData("*@* errorRate < 5", 16, "'5' is not a rate like 0.1% (or a fraction from 0 to 1)")]
    [InlineData("async@64 peakRss < 200", 19, "'200' is not a size like 200MB, 512MiB or 1.5GB")]
    [InlineData("async@1 throughput / sync@1 throughput >= 10x", 42, "'10x' is not a plain number like 10 (a ratio has no unit)")]
    [InlineData("async@1 throughput / >= 10", 21, "found '>='; expected <target>@<level>, like async@64 or *@*")]
    [InlineData("async@1 throughput / sync@1 >= 10", 28, "missing the metric after 'sync@1'; expected one of throughput, mean, p50, p90, p99, p999, max, errorRate, cpuMsPerRequest, peakRss, starvedConnections, fairness, vsPrediction")]
    [InlineData("*@* throughput regression < 10", 28, "'10' is not a percentage like 10%")]
    [InlineData("*@* throughput regression > 10%", 26, "a regression is bounded from above: use < or <=, like \"*@* throughput regression < 10%\"")]
    public void A_malformed_gate_names_the_part_it_could_not_read_and_where_it_is(string text, int offset, string message)
    {
        var error = ErrorOf(text);

        Assert.Equal((offset, message), (error.Offset, error.Message));
    }

    [Fact]
    public void A_gate_naming_targets_or_levels_outside_its_scenario_is_pointed_at()
    {
        Assert.True(GateParser.TryParse("nodejs@64 throughput / sync@32 throughput >= 2", out var gate, out _));

        var problems = GateScope.Problems(gate, ["sync", "async"], [1, 64]).ToArray();

        Assert.Equal(
        [
            new GateSyntaxError(0, "target 'nodejs' is not one of this scenario's targets (sync, async)"),
            new GateSyntaxError(28, "level 32 is not one of this scenario's levels (1, 64)"),
        ], problems);
    }
}

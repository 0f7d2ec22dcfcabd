using Bench.Gates;
using Bench.Gates.Syntax;

namespace Bench.Tests.Gates;

public sealed class NoiseModelTests
{
    [Fact]
    public void With_fewer_than_three_repeats_on_both_sides_the_stated_default_band_applies()
    {
        var noise = new NoiseModel(0.07).Estimate(GateMetric.Throughput, new MetricStats(100, 5, 2), new MetricStats(90, 0, 1));

        Assert.Equal((7, 0.07), (noise.Absolute, noise.Relative), new ToleranceComparer());
        Assert.Equal("default band ±7% (fewer than 3 repeats)", noise.Basis);
    }

    [Fact]
    public void With_three_repeats_on_both_sides_the_margin_is_t_times_the_standard_error_of_the_difference()
    {
        // Equal spreads of 10 over 3 repeats: SE = sqrt(2 × 100 / 3) = 8.165, Welch df = 4, t(99 %, 4) = 3.747.
        var noise = NoiseModel.Default.Estimate(GateMetric.Throughput, new MetricStats(1000, 10, 3), new MetricStats(950, 10, 3));

        Assert.Equal(3.747 * Math.Sqrt(200.0 / 3) / 1000, noise.Relative, 9);
        Assert.Equal(3.747 * Math.Sqrt(200.0 / 3), noise.Absolute, 9);
    }

    [Fact]
    public void A_spread_known_on_one_side_stands_for_both()
    {
        // Baseline of 5 repeats, one new value: SE = 10 × sqrt(1/5 + 1) , df = 4.
        var noise = NoiseModel.Default.Estimate(GateMetric.Throughput, new MetricStats(1000, 10, 5), new MetricStats(950, 0, 1));

        Assert.Equal(3.747 * 10 * Math.Sqrt(1.2) / 1000, noise.Relative, 9);
    }

    [Fact]
    public void Identical_repeats_leave_only_the_unit_s_floor()
    {
        var noise = NoiseModel.Default.Estimate(GateMetric.P99, new MetricStats(10, 0, 3), new MetricStats(12, 0, 3));

        Assert.Equal((0.01, 0.001), (noise.Absolute, noise.Relative), new ToleranceComparer());
        Assert.Equal("99% t-test, n=3/3; at least 0.01 ms", noise.Basis);
        Assert.False(noise.Explains(2));
        Assert.True(noise.Explains(-0.01));
    }

    [Fact]
    public void Against_a_reference_of_zero_the_floor_alone_decides_whatever_the_other_side_s_spread()
    {
        // errorRate 0 % in every baseline repeat; 3 ± 1 % now. A t-test on the new spread would excuse 4 points.
        var noise = NoiseModel.Default.Estimate(GateMetric.ErrorRate, new MetricStats(0, 0, 3), new MetricStats(0.03, 0.01, 3));

        Assert.Equal((0.001, double.PositiveInfinity), (noise.Absolute, noise.Relative));
        Assert.Equal("the reference is 0: an absolute margin of 0.1%", noise.Basis);
        Assert.False(noise.Explains(0.03));
        Assert.True(noise.Explains(0.0009));
    }

    [Theory]
    [InlineData(MetricUnit.Fraction, 0.001)]
    [InlineData(MetricUnit.Milliseconds, 0.01)]
    [InlineData(MetricUnit.RequestsPerSecond, 1)]
    [InlineData(MetricUnit.Bytes, 1024 * 1024)]
    public void Each_unit_has_a_documented_floor(MetricUnit unit, double floor)
    {
        Assert.Equal(floor, NoiseModel.Floor(unit));
    }

    [Theory]
    [InlineData(1, 31.821)]
    [InlineData(4.7, 3.747)]
    [InlineData(30, 2.457)]
    [InlineData(1000, 2.326)]
    public void The_t_quantile_comes_from_the_table_rounding_degrees_of_freedom_down(double df, double t)
    {
        Assert.Equal(t, StudentT.OneSided99(df));
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}

using Bench.Gates;

namespace Bench.Tests.Gates;

public sealed class NoiseModelTests
{
    [Fact]
    public void With_fewer_than_three_repeats_on_both_sides_the_stated_default_band_applies()
    {
        var noise = new NoiseModel(0.07).Estimate(new MetricStats(100, 5, 2), new MetricStats(90, 0, 1));

        Assert.Equal(0.07, noise.Relative);
        Assert.Equal("default band ±7% (fewer than 3 repeats)", noise.Basis);
    }

    [Fact]
    public void With_three_repeats_on_both_sides_the_margin_is_t_times_the_standard_error_of_the_difference()
    {
        // Equal spreads of 10 over 3 repeats: SE = sqrt(2 × 100 / 3) = 8.165, Welch df = 4, t(99 %, 4) = 3.747.
        var noise = NoiseModel.Default.Estimate(new MetricStats(1000, 10, 3), new MetricStats(950, 10, 3));

        Assert.Equal(3.747 * Math.Sqrt(200.0 / 3) / 1000, noise.Relative, 9);
    }

    [Fact]
    public void A_spread_known_on_one_side_stands_for_both()
    {
        // Baseline of 5 repeats, one new value: SE = 10 × sqrt(1/5 + 1) , df = 4.
        var noise = NoiseModel.Default.Estimate(new MetricStats(1000, 10, 5), new MetricStats(950, 0, 1));

        Assert.Equal(3.747 * 10 * Math.Sqrt(1.2) / 1000, noise.Relative, 9);
    }

    [Fact]
    public void Identical_repeats_leave_no_noise_and_a_zero_reference_makes_any_spread_unbounded()
    {
        Assert.Equal(0, NoiseModel.Default.Estimate(new MetricStats(10, 0, 3), new MetricStats(12, 0, 3)).Relative);
        Assert.Equal(double.PositiveInfinity, NoiseModel.Default.Estimate(new MetricStats(0, 0, 3), new MetricStats(0.01, 0.01, 3)).Relative);
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
}

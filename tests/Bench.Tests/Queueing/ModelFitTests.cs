using Bench.Queueing;

namespace Bench.Tests.Queueing;

/// <summary>Knee detection and the regime at the top level, on hand-computed numbers.</summary>
public sealed class ModelFitTests
{
    // R₀ = 20 ms, Z = 5 ms, S = 2 ms, 2 cores: ideal 40 per connection, one at a time 50/s, CPU cap 1000/s.
    private static readonly QueueingModel Model = new(20, 5, 2, 2);

    [Fact]
    public void The_knee_is_the_first_level_more_than_twenty_percent_below_the_ideal_line()
    {
        // Ideal: 40, 160, 640, 2560. Shares: 1.0, 0.9875, 0.78125, 0.38672.
        var fit = ModelFit.Of(Model, [(1, 40), (4, 158), (16, 500), (64, 990)])!;

        Assert.Equal(16, fit.Knee!.Level);
        Assert.Equal(0.78125, fit.Knee.ShareOfIdeal, 9);
        Assert.Equal([1, 4], fit.FollowingIdeal.Select(p => p.Level));
        Assert.Equal(0.0125, fit.WorstDeviationBeforeKnee, 9);
    }

    [Fact]
    public void A_dip_below_the_line_that_recovers_is_noise_not_a_knee()
    {
        // Ideal: 40, 160, 640, 2560. Shares: 1.0, 0.75 (a dip), 0.9375, then 0.5 for good.
        var fit = ModelFit.Of(Model, [(1, 40), (4, 120), (16, 600), (64, 1280)])!;

        Assert.Equal(64, fit.Knee!.Level);
        Assert.Equal(0.25, fit.WorstDeviationBeforeKnee, 9);
    }

    [Fact]
    public void A_target_that_ends_at_cores_over_S_is_CPU_bound()
    {
        var fit = ModelFit.Of(Model, [(1, 40), (4, 158), (16, 500), (64, 990)])!;

        Assert.Equal(ModelRegime.CpuCap, fit.Regime); // 990 / 1000 = 99 % of the cap
        Assert.Equal(64, fit.Top.Level);
    }

    [Fact]
    public void A_target_flat_at_one_over_R0_serves_one_request_at_a_time()
    {
        // Z = 0: ideal 50, 200, 800; sync stays at 49.
        var sync = new QueueingModel(20, 0, 0.05, 1);

        var fit = ModelFit.Of(sync, [(1, 50), (4, 49), (16, 49)])!;

        Assert.Equal(4, fit.Knee!.Level);           // 49 / 200 = 24.5 %
        Assert.Equal(0.245, fit.Knee.ShareOfIdeal, 9);
        Assert.Equal(ModelRegime.OneAtATime, fit.Regime);
    }

    [Fact]
    public void A_target_flat_at_its_declared_limit_over_R0_is_held_by_its_own_limit_not_something_else()
    {
        // A pool of 4 on /io: R₀ = 20 ms, Z = 0, L = 4 → L/R₀ = 200/s; ideal 50, 200, 800, 3200.
        var pool = new QueueingModel(20, 0, 0.05, 1) { ConcurrencyLimit = 4 };
        var measured = new (int, double)[] { (1, 50), (4, 198), (16, 196), (64, 195) };

        var fit = ModelFit.Of(pool, measured)!;

        Assert.Equal(200, pool.LimitRps!.Value, 9);
        Assert.Equal(4, pool.LimitKnee!.Value, 9);
        Assert.Equal(ModelRegime.ConcurrencyLimit, fit.Regime);
        Assert.Equal(16, fit.Knee!.Level);
        // Without the declared limit the same numbers are "between": something unexplained would be said to hold it.
        Assert.Equal(ModelRegime.Between, ModelFit.Of(pool with { ConcurrencyLimit = null }, measured)!.Regime);
    }

    [Fact]
    public void A_target_on_the_ideal_line_everywhere_has_no_knee()
    {
        var fit = ModelFit.Of(Model, [(1, 40), (4, 150), (16, 620)])!;   // 100 %, 93.75 %, 96.875 %

        Assert.Null(fit.Knee);
        Assert.Equal(ModelRegime.Ideal, fit.Regime);
        Assert.Equal(0.0625, fit.WorstDeviationBeforeKnee, 9);
        Assert.Equal(3, fit.FollowingIdeal.Count);
    }

    [Theory]
    [InlineData(300, ModelRegime.Between)]          // above 1.2 × 50, below 0.8 × 2560 and 0.8 × 1000
    [InlineData(30, ModelRegime.BelowOneAtATime)]   // under 0.8 × 50
    [InlineData(850, ModelRegime.CpuCap)]           // 85 % of 1000: within 20 % of the cap
    public void The_top_level_is_named_by_the_prediction_it_sits_on(double rpsAt64, ModelRegime regime)
    {
        Assert.Equal(regime, ModelFit.Of(Model, [(1, 40), (64, rpsAt64)])!.Regime);
    }

    [Fact]
    public void Levels_are_fitted_in_ascending_order_and_no_level_means_no_fit()
    {
        var fit = ModelFit.Of(Model, [(16, 500), (1, 40)])!;

        Assert.Equal([1, 16], fit.Points.Select(p => p.Level));
        Assert.Null(ModelFit.Of(Model, []));
    }
}

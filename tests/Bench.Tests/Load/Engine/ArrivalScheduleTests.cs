using Bench.Load;
using Bench.Load.Engine;

namespace Bench.Tests.Load.Engine;

public sealed class ArrivalScheduleTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_constant_rate_puts_arrival_k_at_k_over_the_rate()
    {
        var schedule = new ArrivalSchedule(1000, TimeSpan.Zero, [], S(2));

        Assert.Equal(0, schedule.TimeOf(0));
        Assert.Equal(0.001, schedule.TimeOf(1), 12);
        Assert.Equal(1.234, schedule.TimeOf(1234), 12);
        Assert.Equal(2000, schedule.ArrivalsBy(2), 9);
        Assert.Equal(double.PositiveInfinity, schedule.TimeOf(2000));
    }

    [Fact]
    public void A_ramp_from_zero_follows_the_integral_of_the_rate()
    {
        // 0 → 1000/s over 1 s: A(t) = 500 t², so arrival 125 is at 0.5 s and there are 500 in all.
        var schedule = new ArrivalSchedule(0, TimeSpan.Zero, [new RateStage(S(1), 1000)], S(1));

        Assert.Equal(0.5, schedule.TimeOf(125), 9);
        Assert.Equal(500, schedule.ArrivalsBy(1), 9);
    }

    [Fact]
    public void A_ramp_down_is_inverted_as_exactly_as_a_ramp_up()
    {
        // 1000 → 0/s over 1 s: A(t) = 1000 t − 500 t², so A(0.5) = 375.
        var schedule = new ArrivalSchedule(1000, TimeSpan.Zero, [new RateStage(S(1), 0)], S(1));

        Assert.Equal(0.5, schedule.TimeOf(375), 9);
        Assert.True(schedule.TimeOf(499) < 1);
    }

    [Fact]
    public void Warmup_runs_at_the_start_rate_then_stages_then_the_last_rate_holds()
    {
        // 1 s warmup at 100/s, then 100 → 300/s over 2 s, then 300/s for the last second.
        var schedule = new ArrivalSchedule(100, S(1), [new RateStage(S(2), 300)], S(4));

        Assert.Equal(100, schedule.ArrivalsBy(1), 9);
        Assert.Equal(100 + 400, schedule.ArrivalsBy(3), 9);
        Assert.Equal(100 + 400 + 300, schedule.ArrivalsBy(4), 9);
        Assert.Equal(1.0, schedule.TimeOf(100), 9);
        Assert.Equal(3.0, schedule.TimeOf(500), 9);
        Assert.Equal(3.5, schedule.TimeOf(650), 9);
    }

    [Fact]
    public void Times_never_decrease_and_a_lookup_behind_the_cursor_still_works()
    {
        var schedule = new ArrivalSchedule(50, S(0.5), [new RateStage(S(1), 500), new RateStage(S(1), 20)], S(3));
        double previous = -1;
        for (long k = 0; double.IsFinite(schedule.TimeOf(k)); k++)
        {
            double time = schedule.TimeOf(k);
            Assert.True(time >= previous, $"arrival {k} at {time} before {previous}");
            previous = time;
        }

        Assert.Equal(0.02, schedule.TimeOf(1), 9);
    }
}

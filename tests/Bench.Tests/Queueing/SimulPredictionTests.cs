using Bench.Queueing;
using Bench.Scenarios;

namespace Bench.Tests.Queueing;

/// <summary>The chess simul's totals from its parameters alone: the story's own numbers, and both regimes of switching.</summary>
public sealed class SimulPredictionTests
{
    private static readonly TimeSpan Move = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(55);

    [Fact]
    public void One_board_at_a_time_plays_every_move_and_waits_every_reply_game_after_game()
    {
        // 24 × (30 × 5 s + 29 × 55 s) = 24 × 1 745 s = 41 880 s: 11 h 38 min.
        Assert.Equal(TimeSpan.FromSeconds(41_880), SimulPrediction.OneBoardAtATime(24, 30, Move, Reply));
    }

    [Fact]
    public void Switching_is_bound_by_the_masters_moves_when_a_round_outlasts_a_reply()
    {
        // 23 other boards × 5 s = 115 s ≥ 55 s: she never waits; 24 × 30 × 5 s = 3 600 s, the story's hour.
        Assert.Equal(TimeSpan.FromSeconds(3_600), SimulPrediction.Switching(24, 30, Move, Reply, TimeSpan.Zero));
    }

    [Fact]
    public void Switching_is_bound_by_the_replies_when_few_boards_leave_the_master_waiting()
    {
        // 4 boards: 3 × 5 s = 15 s < 55 s; after her first round each board plays at its own pace:
        // 4 × 5 s + 29 × (5 s + 55 s) = 20 s + 1 740 s.
        Assert.Equal(TimeSpan.FromSeconds(1_760), SimulPrediction.Switching(4, 30, Move, Reply, TimeSpan.Zero));
    }

    [Fact]
    public void A_switch_cost_is_paid_on_every_move_while_switching()
    {
        Assert.Equal(TimeSpan.FromSeconds(24 * 30 * 6), SimulPrediction.Switching(24, 30, Move, Reply, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(1, 41.88)]
    [InlineData(null, 3.6)]
    [InlineData(16, 3.6)]
    public void A_target_that_serves_one_request_at_a_time_is_predicted_to_play_one_board_at_a_time(int? concurrency, double seconds)
    {
        var simul = new Simul(24, 30, Move, Reply, TimeSpan.FromSeconds(1), 1000);

        Assert.Equal(seconds, SimulPrediction.Scaled(simul, concurrency).TotalSeconds, 6);
    }

    [Theory]
    [InlineData(41_880, "11 h 38 min")]
    [InlineData(3_600, "1 h 0 min")]
    [InlineData(200_000, "2 d 7 h 33 min")]
    [InlineData(42, "42 s")]
    public void Real_scale_is_written_in_days_hours_and_minutes(double seconds, string expected)
    {
        Assert.Equal(expected, SimulWords.RealScale(seconds));
    }
}

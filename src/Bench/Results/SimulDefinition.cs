using Bench.Queueing;
using Bench.Scenarios;

namespace Bench.Results;

/// <summary>
/// A simul as played: its real-scale parameters (ms), how many times faster it ran, and the scaled totals predicted
/// for a server that plays one board at a time, one that switches while opponents think, and one that switches at the
/// simul's switch cost (what a slower switch would have cost).
/// </summary>
public sealed record SimulDefinition(
    int Boards,
    int Moves,
    double MoveMs,
    double ReplyMs,
    double SwitchMs,
    double TimeScale,
    double OneBoardAtATimeSeconds,
    double SwitchingSeconds,
    double SwitchingWithCostSeconds)
{
    public static SimulDefinition From(Simul simul) => new(
        simul.Boards,
        simul.Moves,
        simul.Move.TotalMilliseconds,
        simul.Reply.TotalMilliseconds,
        simul.Switch.TotalMilliseconds,
        simul.TimeScale,
        SimulPrediction.OneBoardAtATime(simul.Boards, simul.Moves, simul.ScaledMove, simul.ScaledReply).TotalSeconds,
        SimulPrediction.Switching(simul.Boards, simul.Moves, simul.ScaledMove, simul.ScaledReply, TimeSpan.Zero).TotalSeconds,
        SimulPrediction.Switching(simul.Boards, simul.Moves, simul.ScaledMove, simul.ScaledReply, simul.ScaledSwitch).TotalSeconds);
}

using Bench.Scenarios;

namespace Bench.Queueing;

/// <summary>
/// How long a chess simul takes, from its parameters alone (B boards, M moves, a move S, a reply Z, a switch c).
/// <list type="bullet">
/// <item>One board at a time (a server that serves one connection until it closes): each game is M moves and the
/// M − 1 replies between them, one game after another: B · (M·S + (M−1)·Z).</item>
/// <item>Switching while opponents think, round robin, each move costing S' = S + c: the master is the bottleneck
/// when a round of the others' moves outlasts a reply ((B−1)·S' ≥ Z), and never idles: B·M·S'; otherwise every board
/// plays at its own pace after the first round: B·S' + (M−1)·(S'+Z). The larger of the two is the total.</item>
/// </list>
/// </summary>
public static class SimulPrediction
{
    public static TimeSpan OneBoardAtATime(int boards, int moves, TimeSpan move, TimeSpan reply) =>
        boards * ((moves * move) + ((moves - 1) * reply));

    public static TimeSpan Switching(int boards, int moves, TimeSpan move, TimeSpan reply, TimeSpan switchCost)
    {
        var step = move + switchCost;
        var masterBound = boards * moves * step;
        var boardBound = (boards * step) + ((moves - 1) * (step + reply));
        return masterBound > boardBound ? masterBound : boardBound;
    }

    /// <summary>
    /// The scaled total for a target that serves <paramref name="concurrencyLimit"/> requests at once: 1 plays one
    /// board at a time, anything else switches. A server's own switch is microseconds: the measured total is predicted
    /// without the simul's switch cost, which the report shows apart as what a slower switch would have cost.
    /// </summary>
    public static TimeSpan Scaled(Simul simul, int? concurrencyLimit) => concurrencyLimit == 1
        ? OneBoardAtATime(simul.Boards, simul.Moves, simul.ScaledMove, simul.ScaledReply)
        : Switching(simul.Boards, simul.Moves, simul.ScaledMove, simul.ScaledReply, TimeSpan.Zero);
}

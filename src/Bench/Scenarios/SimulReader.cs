using Bench.Configuration;
using Bench.Load;

namespace Bench.Scenarios;

/// <summary>
/// Reads a scenario's <c>simul:</c> and makes the request and the load it stands for: the master's move as
/// <c>/blocking?ms=</c>, the boards as the one level of connections, the moves as iterations, the reply as think time.
/// </summary>
internal static class SimulReader
{
    public static readonly string[] Fields = ["boards", "moves", "move", "reply", "switch", "timeScale"];

    public const string Expected = "a mapping like { boards: 24, moves: 30, move: 5s, reply: 55s, switch: 1s, timeScale: 1000 }";

    public static Simul? Read(YamlMap map)
    {
        int? boards = map.WholeNumber("boards", 1, 10_000, required: true);
        int? moves = map.WholeNumber("moves", 1, 100_000, required: true);
        var move = map.Duration("move", allowZero: false, required: true);
        var reply = map.Duration("reply", allowZero: true, required: true);
        var switchCost = map.Duration("switch", allowZero: true) ?? TimeSpan.Zero;
        int? scale = map.WholeNumber("timeScale", 1, 1_000_000) ?? 1;
        if (boards is null || moves is null || move is null || reply is null || scale is null)
        {
            return null;
        }

        var simul = new Simul(boards.Value, moves.Value, move.Value, reply.Value, switchCost, scale.Value);
        double ms = simul.ScaledMove.TotalMilliseconds;
        if (ms < 1 || ms != Math.Floor(ms))
        {
            map.Reject("move", $"a move that is a whole number of milliseconds once divided by timeScale {scale} (it would be {ms:0.###} ms)");
            return null;
        }

        return simul;
    }

    /// <summary>
    /// The load of a simul: one level (the boards), each connection playing its moves and stopping; no warm-up (the
    /// whole game is the measurement); the window and the timeout bounded by half again the slowest prediction, so
    /// a board waiting for a one-board-at-a-time server is slow, not an error.
    /// </summary>
    public static LoadProfile Load(Simul simul)
    {
        var slowest = Queueing.SimulPrediction.Scaled(simul, concurrencyLimit: 1);
        var bound = (slowest * 1.5) + TimeSpan.FromSeconds(5);
        return new LoadProfile(
            LoadModel.Closed,
            [simul.Boards],
            ThinkTime.Fixed(simul.ScaledReply),
            simul.Moves,
            TimeSpan.Zero,
            LoadProfile.DefaultMaxConnections,
            TimeSpan.Zero,
            bound,
            1,
            bound,
            LoadProfile.DefaultCooldown);
    }

    public static ScenarioRequest Request(Simul simul) =>
        new(ScenarioRequest.DefaultMethod, simul.MovePath, new Dictionary<string, string>(), new ExpectedResponse(ExpectedResponse.DefaultStatus, null));
}

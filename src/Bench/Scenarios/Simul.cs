namespace Bench.Scenarios;

/// <summary>
/// A chess simul: a master plays <see cref="Boards"/> opponents at once, <see cref="Moves"/> moves each; her move takes
/// <see cref="Move"/>, an opponent's reply <see cref="Reply"/>, and walking to the next board <see cref="Switch"/>.
/// Real times, run <see cref="TimeScale"/> times faster: a board is a connection, the master's move a request that holds
/// the server's thread for the scaled move (<c>/blocking</c>), the reply the connection's think time.
/// </summary>
public sealed record Simul(int Boards, int Moves, TimeSpan Move, TimeSpan Reply, TimeSpan Switch, double TimeScale)
{
    public TimeSpan ScaledMove => Move / TimeScale;

    public TimeSpan ScaledReply => Reply / TimeScale;

    public TimeSpan ScaledSwitch => Switch / TimeScale;

    /// <summary>The request a move is: the server's thread held for the scaled move, in whole milliseconds.</summary>
    public string MovePath => $"/blocking?ms={(long)ScaledMove.TotalMilliseconds}";
}

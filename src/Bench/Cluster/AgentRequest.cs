namespace Bench.Cluster;

/// <summary>
/// One command to an agent, one JSON line: "clock" (answer the time now), "run" (a share of a level), or "sample"
/// (read process <see cref="Pid"/> from the agent host's /proc until the controller sends "stop" on the same connection).
/// </summary>
public sealed record AgentRequest(string Command, string Token, AgentShare? Share = null, int? Pid = null)
{
    public const string Clock = "clock";
    public const string Run = "run";
    public const string Sample = "sample";
    public const string Stop = "stop";
}

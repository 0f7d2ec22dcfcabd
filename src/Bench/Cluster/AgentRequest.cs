namespace Bench.Cluster;

/// <summary>One command to an agent, one JSON line: "clock" (answer the time now) or "run" (a share of a level).</summary>
public sealed record AgentRequest(string Command, string Token, AgentShare? Share = null)
{
    public const string Clock = "clock";
    public const string Run = "run";
}

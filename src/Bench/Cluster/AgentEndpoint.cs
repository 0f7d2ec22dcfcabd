using System.Net;

namespace Bench.Cluster;

/// <summary>
/// Where one load agent (`bench agent`) answers: the node it runs on, its address and port, and the token its
/// commands must carry (given to the agent in $BENCH_AGENT_TOKEN, never on a command line).
/// </summary>
public sealed record AgentEndpoint(string Node, IPAddress Address, int Port, string Token)
{
    public const string TokenVariable = "BENCH_AGENT_TOKEN";

    public override string ToString() => $"{Node} ({Address}:{Port})";
}

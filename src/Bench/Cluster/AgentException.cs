namespace Bench.Cluster;

/// <summary>An agent that could not be reached, stopped answering, or refused a command; the message says which and why.</summary>
public sealed class AgentException(string agent, string reason) : Exception($"agent {agent} {reason}")
{
    public string Agent { get; } = agent;

    public string Reason { get; } = reason;
}

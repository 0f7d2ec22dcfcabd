using System.CommandLine;
using System.Net;
using Bench.Cluster;

namespace Bench.Cli;

/// <summary>
/// `bench run`'s options for load from agents: <c>--agents</c> (agents already running, by address) or <c>--cluster</c>
/// (a Docker swarm whose nodes Bench places the targets and the agents on).
/// </summary>
public sealed class ClusterArguments
{
    public Option<string?> Agents { get; } = new("--agents") { Description = $"Load agents already running (`bench agent`), as host:port[,host:port…]: each level's load is split among them and their histograms merged. Their token: ${AgentEndpoint.TokenVariable}." };

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "A Docker swarm manager's endpoint (unix:///…, tcp://…): targets run as swarm services on nodes labelled bench.target=true, load agents on nodes labelled bench.generator=true." };

    public Option<string[]> NodeEngines { get; } = new("--node-engine") { Description = "With --cluster: a node's own Docker endpoint, as <node>=<endpoint> (repeatable), to import images into it and read its containers' stats.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    public Option<int> AgentsPerNode { get; } = new("--agents-per-node") { Description = "With --cluster: load agents on each generator node (default 1).", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        command.Options.Add(Agents);
        command.Options.Add(Cluster);
        command.Options.Add(NodeEngines);
        command.Options.Add(AgentsPerNode);
    }

    /// <summary>The agents named by --agents; an empty list when it is not given; null (with <paramref name="error"/>) when it does not parse.</summary>
    public IReadOnlyList<AgentEndpoint>? AgentList(ParseResult parsed, out string error)
    {
        error = "";
        if (parsed.GetValue(Agents) is not { } text)
        {
            return [];
        }

        if (parsed.GetValue(Cluster) is not null)
        {
            error = "--agents and --cluster cannot be combined: a cluster run starts its own agents";
            return null;
        }

        string token = Environment.GetEnvironmentVariable(AgentEndpoint.TokenVariable) ?? "";
        var agents = new List<AgentEndpoint>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPEndPoint.TryParse(part, out var endpoint) || endpoint.Port == 0 || !part.Contains(':', StringComparison.Ordinal))
            {
                error = $"--agents: '{part}' is not an address and port, like 127.0.0.1:7450";
                return null;
            }

            agents.Add(new AgentEndpoint($"agent {agents.Count + 1}", endpoint.Address, endpoint.Port, token));
        }

        if (agents.Count == 0)
        {
            error = "--agents needs at least one host:port";
            return null;
        }

        return agents;
    }

    /// <summary>--node-engine's pairs by node; null (with <paramref name="error"/>) when one is not name=endpoint.</summary>
    public IReadOnlyDictionary<string, string>? NodeEngineMap(ParseResult parsed, out string error)
    {
        error = "";
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in parsed.GetValue(NodeEngines) ?? [])
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                error = $"--node-engine: '{pair}' is not <node>=<endpoint>, like worker-2=unix:///run/benchlab/n2.sock";
                return null;
            }

            map[pair[..equals]] = pair[(equals + 1)..];
        }

        if (map.Count > 0 && parsed.GetValue(Cluster) is null)
        {
            error = "--node-engine needs --cluster";
            return null;
        }

        return map;
    }
}

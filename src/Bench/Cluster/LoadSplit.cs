using Bench.Load;

namespace Bench.Cluster;

/// <summary>
/// A level's load cut into one share per agent, as evenly as it goes: the closed model's connections (numbered on
/// across agents, so <c>{connection}</c> stays unique), the open model's rate, stages and connection limits. An agent is
/// never given nothing: with fewer connections than agents, only as many agents carry the level as there are
/// connections. Each agent runs its share on every core of its own host.
/// </summary>
public static class LoadSplit
{
    public static IReadOnlyList<LoadOptions> Split(LoadOptions whole, int agents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        var shares = new List<LoadOptions>();
        if (whole.Model == LoadModel.Closed)
        {
            int parts = Math.Min(agents, whole.Connections);
            int first = whole.FirstConnection;
            for (int i = 0; i < parts; i++)
            {
                int connections = Share(whole.Connections, parts, i);
                shares.Add(whole with { Connections = connections, FirstConnection = first, Cpus = null, Workers = null });
                first += connections;
            }

            return shares;
        }

        int limit = whole.MaxConnections ?? Math.Max(whole.Connections, LoadEngine.DefaultMaxConnections);
        for (int i = 0; i < agents; i++)
        {
            shares.Add(whole with
            {
                Rate = whole.Rate / agents,
                Stages = whole.Stages.Select(s => s with { TargetRate = s.TargetRate / agents }).ToArray(),
                Connections = Math.Max(1, Share(whole.Connections, agents, i)),
                MaxConnections = Math.Max(Math.Max(1, Share(whole.Connections, agents, i)), Share(limit, agents, i)),
                Cpus = null,
                Workers = null,
            });
        }

        return shares;
    }

    /// <summary>Part <paramref name="index"/> of <paramref name="total"/> split into <paramref name="parts"/>: the first ones take the remainder.</summary>
    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);
}

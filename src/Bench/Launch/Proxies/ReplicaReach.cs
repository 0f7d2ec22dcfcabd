using System.Text.Json;
using Bench.Launch.Verification;

namespace Bench.Launch.Proxies;

/// <summary>
/// Checks that requests through the proxy reach every replica: each replica's /info pid is read on its own port, then
/// /info is sent through the proxy until every one of those pids has answered, or the tries run out.
/// </summary>
public static class ReplicaReach
{
    /// <summary>/info requests sent through the proxy per replica before giving up: round robin needs one each.</summary>
    public const int TriesPerReplica = 10;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when every replica answered through the proxy; else one line saying which did not.</summary>
    public static async Task<string?> ProblemAsync(int proxyPort, IReadOnlyList<int> replicaPorts, CancellationToken cancellationToken)
    {
        var pids = new List<int>();
        foreach (int port in replicaPorts)
        {
            if (await PidAsync(port, cancellationToken) is not { } pid)
            {
                return $"replica on port {port} does not answer /info with its pid";
            }

            pids.Add(pid);
        }

        var seen = new HashSet<int>();
        int tries = TriesPerReplica * replicaPorts.Count;
        for (int i = 0; i < tries && !pids.All(seen.Contains); i++)
        {
            if (await PidAsync(proxyPort, cancellationToken) is { } pid)
            {
                seen.Add(pid);
            }
        }

        var missed = pids.Where(p => !seen.Contains(p)).ToArray();
        return missed.Length == 0
            ? null
            : $"requests through the proxy reached {pids.Count - missed.Length} of {pids.Count} replicas in {tries} /info requests (never pid {string.Join(", ", missed)})";
    }

    private static async Task<int?> PidAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            var response = await HttpProbe.GetAsync(port, "/info", Timeout, cancellationToken);
            if (response.Status != 200)
            {
                return null;
            }

            using var json = JsonDocument.Parse(response.Body);
            return json.RootElement.TryGetProperty("pid", out var pid) && pid.TryGetInt32(out int value) ? value : null;
        }
        catch (Exception e) when (HttpProbe.IsProbeFailure(e) || e is JsonException)
        {
            return null;
        }
    }
}

using System.Net;
using Docker.DotNet.Models;

namespace Bench.Cluster.Swarm;

/// <summary>
/// One node of the swarm as a run records it: the engine's id, its hostname, the address the swarm knows it by (where
/// its services listen, with host networking), and its roles for Bench, read from its node labels
/// (<c>bench.target=true</c>, <c>bench.generator=true</c>; one node may carry both). Plain strings and bools, so the
/// run's metadata can hold it as it is.
/// </summary>
public sealed record SwarmNode(string Id, string Hostname, string Address, bool Target, bool Generator, bool Manager)
{
    public const string TargetLabel = "bench.target";
    public const string GeneratorLabel = "bench.generator";

    /// <summary>The address parsed; the swarm reports it as text.</summary>
    public IPAddress IpAddress => IPAddress.Parse(Address);

    /// <summary>
    /// The node as Bench sees it; null when it cannot take work (not ready, or drained or paused) or reports no address
    /// Bench can parse.
    /// </summary>
    public static SwarmNode? From(NodeListResponse node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!string.Equals(node.Status?.State, "ready", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(node.Spec?.Availability, "active", StringComparison.OrdinalIgnoreCase)
            || !IPAddress.TryParse(node.Status?.Addr, out var address))
        {
            return null;
        }

        var labels = node.Spec?.Labels ?? new Dictionary<string, string>();
        return new SwarmNode(
            node.ID,
            node.Description?.Hostname ?? node.ID,
            address.ToString(),
            HasRole(labels, TargetLabel),
            HasRole(labels, GeneratorLabel),
            node.ManagerStatus is not null);
    }

    /// <summary>A role is the label set to true (any case); absent, empty or anything else is not the role.</summary>
    public static bool HasRole(IDictionary<string, string> labels, string label) =>
        labels.TryGetValue(label, out string? value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="key"/> (a hostname or an id, as `--node-engine` takes it) names this node.</summary>
    public bool IsNamed(string key) => key == Id || string.Equals(key, Hostname, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Hostname} ({Address})";
}

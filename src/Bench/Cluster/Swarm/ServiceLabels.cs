using System.Globalization;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Cluster.Swarm;

/// <summary>
/// The labels on every swarm service Bench creates (and on its tasks' containers): a local container's
/// (<see cref="ContainerLabels"/>: owner pid and start time, launcher, run, checkout, target) plus the machine the
/// controller runs on. The owner's pid means something only on that machine, so a service is judged abandoned only by
/// a Bench on the same machine; another machine's services are left to their own controller.
/// </summary>
public static class ServiceLabels
{
    public const string HostKey = "bench.host";

    /// <summary>Which agent slot a service is (0, 1, …); absent on targets.</summary>
    public const string SlotKey = "bench.agent-slot";

    public static Dictionary<string, string> For(ContainerLabels labels, string target, string host)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var all = labels.For(target);
        all[HostKey] = host;
        return all;
    }

    public static Dictionary<string, string> ForAgent(ContainerLabels labels, int slot, string host)
    {
        var all = For(labels, "agent", host);
        all[SlotKey] = slot.ToString(CultureInfo.InvariantCulture);
        return all;
    }

    /// <summary>True when the service was made by a Bench on <paramref name="host"/> that is gone (a pid not running, or reused by another process).</summary>
    public static bool Abandoned(IDictionary<string, string> labels, string host, ProcFs procFs) =>
        labels.ContainsKey(ContainerLabels.Owner)
        && labels.TryGetValue(HostKey, out string? made) && made == host
        && !ContainerLabels.OwnerAlive(labels, procFs);
}

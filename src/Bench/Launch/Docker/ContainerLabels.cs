using System.Globalization;
using Bench.Launch.Sampling;

namespace Bench.Launch.Docker;

/// <summary>
/// The labels on every container Bench starts: which Bench process owns it (pid and that process's start time, so a
/// reused pid is not mistaken for the owner), which launcher (one per run), which run (its results folder's name, or
/// the command), which checkout and which target. The owner
/// tells a crashed run's leftovers (owner gone: removed at the next start) from a run still going in parallel (kept).
/// </summary>
public sealed record ContainerLabels(int OwnerPid, long OwnerStartTime, string Launcher, string Checkout)
{
    public const string RunKey = "bench.run";
    public const string Owner = "bench.owner";
    public const string OwnerStart = "bench.owner-start";
    public const string LauncherKey = "bench.launcher";
    public const string CheckoutKey = "bench.checkout";
    public const string TargetKey = "bench.target";

    /// <summary>The labels of containers started by this process, with a fresh launcher id.</summary>
    /// <summary>What the run is called on its containers: `docker ps --filter label=bench.run=&lt;name&gt;` finds them.</summary>
    public string Run { get; init; } = "bench";

    public static ContainerLabels ForThisProcess(ProcFs? procFs = null) => new(
        Environment.ProcessId,
        (procFs ?? ProcFs.System).Stat(Environment.ProcessId)?.StartTime ?? 0,
        Guid.NewGuid().ToString("N")[..12],
        TargetsBinary.RepositoryRoot());

    public Dictionary<string, string> For(string target) => new(StringComparer.Ordinal)
    {
        [Owner] = OwnerPid.ToString(CultureInfo.InvariantCulture),
        [OwnerStart] = OwnerStartTime.ToString(CultureInfo.InvariantCulture),
        [LauncherKey] = Launcher,
        [RunKey] = Run,
        [CheckoutKey] = Checkout,
        [TargetKey] = target,
    };

    /// <summary>
    /// True when the process named by a container's labels is still the one that started it. Labels that do not
    /// name an owner Bench can read count as abandoned.
    /// </summary>
    public static bool OwnerAlive(IDictionary<string, string> labels, ProcFs procFs) =>
        labels.TryGetValue(Owner, out string? pidText) && int.TryParse(pidText, CultureInfo.InvariantCulture, out int pid)
        && labels.TryGetValue(OwnerStart, out string? startText) && long.TryParse(startText, CultureInfo.InvariantCulture, out long start)
        && ProcessTree.IsRunning(pid, start, procFs);
}

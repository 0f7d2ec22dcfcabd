using Bench.Launch.Differences;
using Bench.Launch.Docker;

namespace Bench.Launch;

/// <summary>
/// One launchable server. The command is an argument array, never a shell string; the launch placeholders in it, in
/// an environment value or in a file ({port}, {dir}, {header_timeout}: <see cref="LaunchValues"/>) are filled in at start.
/// </summary>
public sealed record TargetDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string PortPlaceholder = "{" + LaunchValues.PortPlaceholder + "}";
    public const string DirPlaceholder = "{" + LaunchValues.DirPlaceholder + "}";

    /// <summary>How Bench knows the target accepts connections; by default the contract's "listening on" line.</summary>
    public TargetReadiness Readiness { get; init; } = TargetReadiness.ListeningLine;

    /// <summary>The endpoints (paths without query) it serves; empty means "not declared", and any is allowed.</summary>
    public IReadOnlyList<string> Supports { get; init; } = [];

    /// <summary>Set for a docker target: its image and limits. Null for a process.</summary>
    public ContainerSpec? Container { get; init; }

    /// <summary>
    /// The most requests it serves at once, whatever the connections (sync 1, a pool its workers); null when it takes
    /// every connection at once. The queueing model predicts its throughput from it.
    /// </summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>Files rendered into its own folder ({dir}) before it starts; the folder is removed after it stops.</summary>
    public IReadOnlyList<TargetFile> Files { get; init; } = [];

    /// <summary>What it needs beyond Bench (Python modules, programs); missing, the entry is unavailable.</summary>
    public TargetRequirements Requires { get; init; } = TargetRequirements.None;

    /// <summary>
    /// The catalogue's dependencies it needs running (<c>needs: [redis]</c>): Bench starts them first and fills their
    /// <c>{&lt;name&gt;_port}</c> placeholders; one that cannot start makes this target not run (docs/targets.md, "Dependencies").
    /// </summary>
    public IReadOnlyList<TargetDefinition> Needs { get; init; } = [];

    /// <summary>The contract checks it answers differently, by check name (docs/targets.md, "Contract differences").</summary>
    public IReadOnlyDictionary<string, ContractDifference> Differences { get; init; } = new Dictionary<string, ContractDifference>();

    /// <summary>Null when it and every dependency it needs have what they require; else one line saying what is missing.</summary>
    public string? MissingRequirement() =>
        Requires.Missing() ?? Needs.Select(n => n.Requires.Missing() is { } missing ? $"needs {n.Name}, {missing}" : null).FirstOrDefault(m => m is not null);

    /// <summary>Set for a scenario's proxy in front of replicas (<c>proxy:</c>, <c>replicas:</c>): what is started in its place. Null otherwise.</summary>
    public Proxies.ProxyTopology? Topology { get; init; }

    public TargetKind Kind => Container is null ? TargetKind.Process : TargetKind.Docker;

    /// <summary>True when the target picks its own port and announces it, so it is started with port 0.</summary>
    public bool AnnouncesPort => Readiness is StdoutReadiness { CapturesPort: true };

    /// <summary>True when it needs a folder of its own: it has files, or names {dir}.</summary>
    public bool UsesDir => Files.Count > 0 || Command.Concat(Environment.Values).Any(t => t.Contains(DirPlaceholder, StringComparison.Ordinal));

    public IReadOnlyList<string> CommandFor(LaunchValues values) => Command.Select(values.Fill).ToArray();

    public IReadOnlyDictionary<string, string> EnvironmentFor(LaunchValues values) =>
        Environment.ToDictionary(e => e.Key, e => values.Fill(e.Value), StringComparer.Ordinal);
}

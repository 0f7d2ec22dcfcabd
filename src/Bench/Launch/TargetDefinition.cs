using Bench.Launch.Differences;
using Bench.Launch.Docker;

namespace Bench.Launch;

/// <summary>
/// One launchable server. The command is an argument array, never a shell string; "{port}" in it (or in an
/// environment value) is replaced by the port the target must listen on.
/// </summary>
public sealed record TargetDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string PortPlaceholder = "{port}";

    /// <summary>How Bench knows the target accepts connections; by default the contract's "listening on" line.</summary>
    public TargetReadiness Readiness { get; init; } = TargetReadiness.ListeningLine;

    /// <summary>The endpoints (paths without query) it serves; empty means "not declared", and any is allowed.</summary>
    public IReadOnlyList<string> Supports { get; init; } = [];

    /// <summary>Set for a docker target: its image and limits. Null for a process.</summary>
    public ContainerSpec? Container { get; init; }

    /// <summary>What it needs beyond Bench (Python modules, programs); missing, the entry is unavailable.</summary>
    public TargetRequirements Requires { get; init; } = TargetRequirements.None;

    /// <summary>The contract checks it answers differently, by check name (docs/targets.md, "Contract differences").</summary>
    public IReadOnlyDictionary<string, ContractDifference> Differences { get; init; } = new Dictionary<string, ContractDifference>();

    public TargetKind Kind => Container is null ? TargetKind.Process : TargetKind.Docker;

    /// <summary>True when the target picks its own port and announces it, so it is started with port 0.</summary>
    public bool AnnouncesPort => Readiness is StdoutReadiness { CapturesPort: true };

    public IReadOnlyList<string> CommandFor(int port) => Command.Select(arg => Substitute(arg, port)).ToArray();

    public IReadOnlyDictionary<string, string> EnvironmentFor(int port) =>
        Environment.ToDictionary(e => e.Key, e => Substitute(e.Value, port), StringComparer.Ordinal);

    private static string Substitute(string text, int port) =>
        text.Replace(PortPlaceholder, port.ToString(), StringComparison.Ordinal);
}

namespace Bench.Targets;

/// <summary>
/// One launchable server. The command is an argument array, never a shell string;
/// "{port}" in it is replaced by the port the target must listen on.
/// </summary>
public sealed record TargetDefinition(
    string Name,
    string Description,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string PortPlaceholder = "{port}";

    public IReadOnlyList<string> CommandFor(int port) =>
        Command.Select(arg => arg.Replace(PortPlaceholder, port.ToString(), StringComparison.Ordinal)).ToArray();
}

using System.Globalization;

namespace Bench.Launch;

/// <summary>
/// What is known only when a target starts: the port it listens on, its own fresh folder, and the header timeout it is
/// asked to keep, and the ports of the dependencies it needs (<c>{redis_port}</c>). Their placeholders stay in an
/// entry's command, environment and files until then.
/// </summary>
public sealed record LaunchValues(int Port, string Dir, TimeSpan HeaderTimeout)
{
    /// <summary>The suffix of a dependency's placeholder: <c>{redis_port}</c> is the port the dependency redis listens on.</summary>
    public const string DependencyPortSuffix = "_port";

    /// <summary>By dependency name, the port each running dependency of the target listens on.</summary>
    public IReadOnlyDictionary<string, int> DependencyPorts { get; init; } = new Dictionary<string, int>();

    /// <summary>The placeholder naming <paramref name="dependency"/>'s port, without braces: redis → redis_port.</summary>
    public static string DependencyPortPlaceholder(string dependency) => dependency + DependencyPortSuffix;

    public const string PortPlaceholder = "port";
    public const string DirPlaceholder = "dir";
    public const string HeaderTimeoutPlaceholder = "header_timeout";

    /// <summary>
    /// More free ports for a server that listens on several ({extra_port_1}, {extra_port_2}): RabbitMQ's Erlang
    /// distribution and its own epmd, so nothing it opens is shared with anything else on the machine.
    /// </summary>
    public static readonly IReadOnlyList<string> ExtraPortPlaceholders = ["extra_port_1", "extra_port_2"];

    /// <summary>The ports behind <see cref="ExtraPortPlaceholders"/>, in order; empty when the entry uses none.</summary>
    public IReadOnlyList<int> ExtraPorts { get; init; } = [];

    /// <summary>The contract's default: a request head may take 10 s before the connection is closed.</summary>
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<string> Placeholders = [PortPlaceholder, DirPlaceholder, HeaderTimeoutPlaceholder, .. ExtraPortPlaceholders];

    /// <summary>Values for a launch without a folder of its own (a test, a container).</summary>
    public static LaunchValues ForPort(int port) => new(port, "", DefaultHeaderTimeout);

    /// <summary>
    /// Seconds, whole when they are (programs such as NGINX read "1" but not "1.0"), else in invariant decimals.
    /// </summary>
    public string HeaderTimeoutText => HeaderTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public string Fill(string text)
    {
        text = text
            .Replace($"{{{PortPlaceholder}}}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace($"{{{DirPlaceholder}}}", Dir, StringComparison.Ordinal)
            .Replace($"{{{HeaderTimeoutPlaceholder}}}", HeaderTimeoutText, StringComparison.Ordinal);
        for (int i = 0; i < ExtraPorts.Count; i++)
        {
            text = text.Replace($"{{{ExtraPortPlaceholders[i]}}}", ExtraPorts[i].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        foreach (var (name, port) in DependencyPorts)
        {
            text = text.Replace($"{{{DependencyPortPlaceholder(name)}}}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text;
    }
}

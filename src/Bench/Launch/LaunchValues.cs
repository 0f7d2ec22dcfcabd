using System.Globalization;

namespace Bench.Launch;

/// <summary>
/// What is known only when a target starts: the port it listens on, its own fresh folder, and the header timeout it is
/// asked to keep. Their placeholders stay in an entry's command, environment and files until then.
/// </summary>
public sealed record LaunchValues(int Port, string Dir, TimeSpan HeaderTimeout)
{
    public const string PortPlaceholder = "port";
    public const string DirPlaceholder = "dir";
    public const string HeaderTimeoutPlaceholder = "header_timeout";

    /// <summary>The contract's default: a request head may take 10 s before the connection is closed.</summary>
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<string> Placeholders = [PortPlaceholder, DirPlaceholder, HeaderTimeoutPlaceholder];

    /// <summary>Values for a launch without a folder of its own (a test, a container).</summary>
    public static LaunchValues ForPort(int port) => new(port, "", DefaultHeaderTimeout);

    /// <summary>
    /// Seconds, whole when they are (programs such as NGINX read "1" but not "1.0"), else in invariant decimals.
    /// </summary>
    public string HeaderTimeoutText => HeaderTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public string Fill(string text) => text
        .Replace($"{{{PortPlaceholder}}}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace($"{{{DirPlaceholder}}}", Dir, StringComparison.Ordinal)
        .Replace($"{{{HeaderTimeoutPlaceholder}}}", HeaderTimeoutText, StringComparison.Ordinal);
}

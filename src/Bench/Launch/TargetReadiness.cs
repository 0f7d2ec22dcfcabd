using System.Text.RegularExpressions;

namespace Bench.Launch;

/// <summary>How Bench knows a started target accepts connections (targets.yaml, <c>readiness:</c>).</summary>
public abstract record TargetReadiness
{
    /// <summary>The line every Bench.Targets model prints (README, "The targets"), capturing the port it picked.</summary>
    public static TargetReadiness ListeningLine { get; } =
        new StdoutReadiness(@"listening on http://(?:\d{1,3}(?:\.\d{1,3}){3}|\[::1\]|localhost):(?<port>\d+)");
}

/// <summary>
/// Ready when a stdout line matches <see cref="Pattern"/>. With a capture group (named <c>port</c>, or else the
/// first) the target picks its own port and the line says which; without one it is given a free port.
/// </summary>
public sealed record StdoutReadiness : TargetReadiness
{
    public StdoutReadiness(string pattern)
    {
        Pattern = pattern;
        Regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public Regex Regex { get; }

    public bool CapturesPort => Regex.GetGroupNumbers().Length > 1;

    /// <summary>Null when <paramref name="line"/> does not announce readiness; otherwise the captured port (or 0 when none is captured).</summary>
    public int? Match(string line)
    {
        var match = Regex.Match(line);
        if (!match.Success)
        {
            return null;
        }

        var group = match.Groups["port"] is { Success: true } named ? named : match.Groups[1];
        return CapturesPort && int.TryParse(group.ValueSpan, out int port) ? port : 0;
    }
}

/// <summary>Ready when <c>GET <see cref="Path"/></c> on the port Bench gave it gets any HTTP response.</summary>
public sealed record HttpReadiness(string Path) : TargetReadiness;

/// <summary>
/// Ready when a Redis server on the port Bench gave it answers <c>PING</c> with <c>+PONG</c> (<c>readiness: { redis: ping }</c>):
/// redis-server prints its banner before it loads its data, and answers LOADING until then.
/// </summary>
public sealed record RedisPingReadiness : TargetReadiness;

/// <summary>
/// Ready when an AMQP broker on the port Bench gave it answers the protocol header with Connection.Start
/// (<c>readiness: { amqp: handshake }</c>): RabbitMQ boots for seconds before it opens its AMQP listener.
/// </summary>
public sealed record AmqpHandshakeReadiness : TargetReadiness;

using System.Text;

namespace Bench.Launch;

/// <summary>
/// Asks a Redis server on 127.0.0.1 for <c>PING</c> in RESP and reads one reply line: how Bench knows a Redis dependency
/// is ready, and that it still is before a level.
/// </summary>
public static class RedisPing
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True when it answers <c>+PONG</c> within <paramref name="timeout"/>; false when it refuses, answers otherwise (LOADING) or not at all.</summary>
    public static async Task<bool> AnswersAsync(int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        await LoopbackExchange.AskAsync(port, Ping, 64, static (reply, length) => Array.IndexOf(reply, (byte)'\n', 0, length) >= 0, timeout, cancellationToken) is { } reply
        && Encoding.ASCII.GetString(reply).StartsWith("+PONG\r\n", StringComparison.Ordinal);

    /// <summary>PINGs every <paramref name="interval"/> until the server answers PONG.</summary>
    public static Task WaitAsync(int port, TimeSpan interval, CancellationToken cancellationToken) =>
        LoopbackExchange.WaitAsync(ct => AnswersAsync(port, AttemptTimeout, ct), interval, cancellationToken);
}

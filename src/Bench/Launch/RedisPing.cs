using System.Net;
using System.Net.Sockets;
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
    public static async Task<bool> AnswersAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token);
            await socket.SendAsync(Ping, SocketFlags.None, attempt.Token);
            var reply = new byte[64];
            int length = 0;
            while (length < reply.Length && Array.IndexOf(reply, (byte)'\n', 0, length) < 0)
            {
                int n = await socket.ReceiveAsync(reply.AsMemory(length), SocketFlags.None, attempt.Token);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            return Encoding.ASCII.GetString(reply, 0, length).StartsWith("+PONG\r\n", StringComparison.Ordinal);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>PINGs every <paramref name="interval"/> until the server answers PONG.</summary>
    public static async Task WaitAsync(int port, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!await AnswersAsync(port, AttemptTimeout, cancellationToken))
        {
            await Task.Delay(interval, cancellationToken);
        }
    }
}

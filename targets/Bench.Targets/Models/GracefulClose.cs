using System.Net.Sockets;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// Closing after an error response: shut down sending, then read briefly and discard what the client
/// still sends. Closing with unread bytes makes the kernel send a reset, which can destroy the error
/// response before the client reads it.
/// </summary>
public static class GracefulClose
{
    private const int DrainMilliseconds = 200;
    private const int DrainBytes = 256 * 1024;

    public static void Blocking(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            socket.ReceiveTimeout = DrainMilliseconds;
            Span<byte> scratch = stackalloc byte[4096];
            long deadline = Environment.TickCount64 + DrainMilliseconds;
            int total = 0;
            while (total < DrainBytes && Environment.TickCount64 < deadline)
            {
                int n = socket.Receive(scratch);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer went away first: nothing left to protect.
        }
    }

    public static async Task DrainAsync(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(DrainMilliseconds);
            var scratch = new byte[4096];
            int total = 0;
            while (total < DrainBytes)
            {
                int n = await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Timed out or the peer went away: either way we are done.
        }
    }

    /// <summary>Resets by the client are normal under load; anything else is worth a (rate-limited) line.</summary>
    public static void LogUnexpected(ErrorLog log, Exception e)
    {
        if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.OperationAborted or SocketError.Interrupted }
            or ObjectDisposedException or OperationCanceledException)
        {
            return;
        }

        log.Write($"connection error: {e.GetType().Name}: {e.Message}");
    }
}

using System.Net;
using System.Net.Sockets;

namespace Bench.Launch;

/// <summary>
/// One question to a server on 127.0.0.1 and the start of its answer: how a dependency's readiness is asked (Redis's
/// PING, the AMQP handshake). A refusal, a close or no answer in time is "no answer", never an exception.
/// </summary>
public static class LoopbackExchange
{
    /// <summary>
    /// Sends <paramref name="question"/> and reads into a buffer of <paramref name="capacity"/> bytes until
    /// <paramref name="enough"/> says the bytes so far suffice, the buffer is full or the server closes; null when the
    /// server refused, closed before answering enough, or took longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<byte[]?> AskAsync(int port, byte[] question, int capacity, Func<byte[], int, bool> enough, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), attempt.Token);
            await socket.SendAsync(question, SocketFlags.None, attempt.Token);
            var answer = new byte[capacity];
            int length = 0;
            while (length < capacity && !enough(answer, length))
            {
                int n = await socket.ReceiveAsync(answer.AsMemory(length), SocketFlags.None, attempt.Token);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            return answer[..length];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Asks every <paramref name="interval"/> until <paramref name="answers"/> is true.</summary>
    public static async Task WaitAsync(Func<CancellationToken, Task<bool>> answers, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!await answers(cancellationToken))
        {
            await Task.Delay(interval, cancellationToken);
        }
    }
}

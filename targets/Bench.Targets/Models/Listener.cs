using System.Net;
using System.Net.Sockets;

namespace Bench.Servers.Models;

/// <summary>The listening socket every hand-written model starts from.</summary>
public static class Listener
{
    /// <summary>A deep backlog, so a model that accepts slowly shows as queueing, not as refused connections.</summary>
    public const int Backlog = 4096;

    /// <summary>Binds and listens, reports the bound endpoint, and closes the socket on cancellation.</summary>
    public static Socket Start(IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var socket = Bind(endpoint);
        cancellationToken.Register(socket.Dispose);
        listening((IPEndPoint)socket.LocalEndPoint!);
        return socket;
    }

    /// <summary>Accepts on a dedicated thread with blocking calls until the listener closes.</summary>
    public static Task AcceptOnThread(string name, Socket listener, Action<Socket> accepted) =>
        RunOnThread(name, () =>
        {
            while (true)
            {
                Socket connection;
                try
                {
                    connection = listener.Accept();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                accepted(connection);
            }
        });

    public static Socket Bind(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="body"/> on a dedicated thread and completes when it returns.
    /// The thread is a background one so a stuck handler can never keep the process alive.
    /// </summary>
    public static Task RunOnThread(string name, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.TrySetResult();
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}

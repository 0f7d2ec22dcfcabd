using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// async/await with every continuation on ONE dedicated thread: asyncio's "one process, one thread".
/// Waiting costs nothing, but any CPU work or blocking call stalls every other connection.
/// </summary>
[ServerModel("eventloop", "async/await with every continuation on one thread (asyncio style)")]
public sealed class EventLoopModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var listener = Listener.Start(endpoint, listening, cancellationToken);
        var loop = new SingleThreadLoop("event-loop", context.Log);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(_ => _ = AcceptAsync(listener, context, done, cancellationToken), null);
        return done.Task.ContinueWith(_ => loop.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private static async Task AcceptAsync(Socket listener, ServerContext context, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var connection = await listener.AcceptAsync(cancellationToken);

                // Started on the loop thread, so every await inside resumes on it too.
                _ = AsyncConnection.ServeAsync(connection, context, cancellationToken);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener closed: shutting down.
        }
        finally
        {
            done.TrySetResult();
        }
    }
}

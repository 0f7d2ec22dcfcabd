using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>Idiomatic .NET: async/await with continuations on the thread pool.</summary>
[ServerModel("async", "async/await on the .NET thread pool")]
public sealed class AsyncModel : IServerModel
{
    public async Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        using var listener = Listener.Start(endpoint, listening, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            // Dispatch, so a connection whose first request completes synchronously never delays the next accept.
            ThreadPool.UnsafeQueueUserWorkItem(
                static state => _ = AsyncConnection.ServeAsync(state.connection, state.context, state.cancellationToken),
                (connection, context, cancellationToken),
                preferLocal: false);
        }
    }
}

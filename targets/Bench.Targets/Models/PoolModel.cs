using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// A fixed pool of worker threads taking accepted connections from a queue, blocking I/O on each
/// (the gunicorn sync-worker / Apache prefork shape): concurrency is capped at the pool size.
/// </summary>
[ServerModel("pool", "a fixed pool of worker threads (--workers) taking connections from a queue, blocking I/O")]
public sealed class PoolModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var queue = new BlockingCollection<Socket>();
        cancellationToken.Register(queue.CompleteAdding);
        for (int i = 0; i < context.Options.Workers; i++)
        {
            _ = Listener.RunOnThread($"pool-worker-{i}", () =>
            {
                foreach (var connection in queue.GetConsumingEnumerable())
                {
                    BlockingConnection.Serve(connection, context);
                }
            });
        }

        var listener = Listener.Start(endpoint, listening, cancellationToken);
        return Listener.AcceptOnThread("pool-acceptor", listener, connection =>
        {
            try
            {
                queue.Add(connection);
            }
            catch (InvalidOperationException)
            {
                connection.Dispose(); // shutting down: the queue takes no more
            }
        });
    }
}

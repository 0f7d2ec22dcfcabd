using System.Net;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// One thread: accept a connection, serve it until it closes, then accept the next.
/// Every other client waits in the kernel's backlog — the baseline every other model is measured against.
/// </summary>
[ServerModel("sync", "one thread: serves one connection until it closes, then accepts the next")]
public sealed class SyncModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var listener = Listener.Start(endpoint, listening, cancellationToken);
        return Listener.AcceptOnThread("sync-server", listener, connection => BlockingConnection.Serve(connection, context));
    }
}

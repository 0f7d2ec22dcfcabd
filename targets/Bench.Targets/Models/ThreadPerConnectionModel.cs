using System.Net;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// A new OS thread for every accepted connection, blocking I/O on it. With `Connection: close`
/// that is one thread per request: the cost of thread creation and of many stacks becomes visible.
/// </summary>
[ServerModel("threads", "a new OS thread per connection, blocking I/O")]
public sealed class ThreadPerConnectionModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var listener = Listener.Start(endpoint, listening, cancellationToken);
        return Listener.AcceptOnThread("threads-acceptor", listener, connection =>
            new Thread(() => BlockingConnection.Serve(connection, context)) { IsBackground = true, Name = "connection" }.Start());
    }
}

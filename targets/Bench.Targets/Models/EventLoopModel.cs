using System.Net;
using Bench.Servers.Hosting;
using Bench.Servers.Reactor;

namespace Bench.Servers.Models;

/// <summary>
/// async/await on one thread's epoll reactor: every continuation runs on the reactor thread (asyncio's "one process,
/// one thread"). Waiting costs nothing, but any CPU work or blocking call stalls every other connection.
/// </summary>
[ServerModel("eventloop", "async/await on a one-thread epoll reactor: every continuation on the reactor thread (asyncio's coroutines)")]
public sealed class EventLoopModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken) =>
        ReactorServer.RunAsync("eventloop-reactor", context, endpoint, listening, LoopConnection.Start, cancellationToken);
}

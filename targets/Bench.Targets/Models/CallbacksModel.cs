using System.Net;
using Bench.Servers.Hosting;
using Bench.Servers.Reactor;

namespace Bench.Servers.Models;

/// <summary>Protocol callbacks on one thread's epoll reactor: asyncio's Protocol, libuv's callbacks.</summary>
[ServerModel("callbacks", "protocol callbacks on a one-thread epoll reactor (asyncio Protocol style)")]
public sealed class CallbacksModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken) =>
        ReactorServer.RunAsync("callbacks-reactor", context, endpoint, listening, CallbackConnection.Start, cancellationToken);
}

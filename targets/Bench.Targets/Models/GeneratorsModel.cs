using System.Net;
using Bench.Servers.Hosting;
using Bench.Servers.Reactor;

namespace Bench.Servers.Models;

/// <summary>Generator coroutines (iterators that yield what they wait for) on one thread's epoll reactor.</summary>
[ServerModel("generators", "iterator coroutines that yield what they wait for, on a one-thread epoll reactor (pre-async/await style)")]
public sealed class GeneratorsModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken) =>
        ReactorServer.RunAsync("generators-reactor", context, endpoint, listening, GeneratorConnection.Start, cancellationToken);
}

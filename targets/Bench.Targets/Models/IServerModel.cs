using System.Net;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>A concurrency model: how a server obtains concurrency. Everything else is shared.</summary>
public interface IServerModel
{
    /// <summary>
    /// Binds <paramref name="endpoint"/>, calls <paramref name="listening"/> once connections are accepted,
    /// and serves until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken);
}

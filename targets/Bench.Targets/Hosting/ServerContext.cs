using Bench.Servers.Workload;

namespace Bench.Servers.Hosting;

/// <summary>What every model shares: options, statistics, the connection registry and the error log.</summary>
public sealed class ServerContext : IDisposable
{
    public ServerContext(ServerOptions options, ErrorLog log, TimeProvider? time = null)
    {
        Options = options;
        Log = log;
        Stats = new ServerStats(options.Model);
        Connections = new ConnectionRegistry(Stats, options.HeaderTimeout, log, time ?? TimeProvider.System);
    }

    public ServerOptions Options { get; }

    public ServerStats Stats { get; }

    public ErrorLog Log { get; }

    public ConnectionRegistry Connections { get; }

    public void Dispose() => Connections.Dispose();
}

using Bench.Servers.Rabbit;
using Bench.Servers.Redis;
using Bench.Servers.Workload;

namespace Bench.Servers.Hosting;

/// <summary>What every model shares: options, statistics, the connection registry, the error log, the Redis client and the RPC client.</summary>
public sealed class ServerContext : IDisposable
{
    public ServerContext(ServerOptions options, ErrorLog log, TimeProvider? time = null)
    {
        Options = options;
        Log = log;
        Stats = new ServerStats(options.Model);
        Connections = new ConnectionRegistry(Stats, options.HeaderTimeout, log, time ?? TimeProvider.System);
        Redis = new RedisStore(options.RedisPort, log);
        Rpc = new RpcClient(options.RabbitPort, options.RpcTimeout);
    }

    public ServerOptions Options { get; }

    public ServerStats Stats { get; }

    public ErrorLog Log { get; }

    public ConnectionRegistry Connections { get; }

    /// <summary>StackExchange.Redis on the --redis port, for the models that use it (every model's /redis-blocking).</summary>
    public RedisStore Redis { get; }

    /// <summary>RabbitMQ.Client on the --rabbitmq port, for /rpc.</summary>
    public RpcClient Rpc { get; }

    public void Dispose()
    {
        Connections.Dispose();
        Redis.Dispose();
        Rpc.Dispose();
    }
}

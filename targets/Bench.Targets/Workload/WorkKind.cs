namespace Bench.Servers.Workload;

public enum WorkKind
{
    /// <summary>The response is ready; nothing to wait for.</summary>
    Respond,

    /// <summary>Simulated I/O: each model waits its own way (sleep, or a timer).</summary>
    Io,

    /// <summary>The anti-pattern: block the handling thread in every model.</summary>
    Block,

    /// <summary>Chained SHA-256 rounds, optionally yielding to the scheduler.</summary>
    Cpu,

    /// <summary>The server's own statistics.</summary>
    Info,

    /// <summary>A Redis GET (or SET), each model its own way: a blocking call, an await, or the reactor's own client.</summary>
    Redis,

    /// <summary>The same Redis call through StackExchange.Redis's synchronous API in every model: the pitfall inside async code.</summary>
    RedisBlocking,

    /// <summary>/cpu's chain computed by the RPC worker behind RabbitMQ: the async models await the reply, the blocking ones block.</summary>
    Rpc,
}

namespace Bench.Servers.Hosting;

/// <summary>Command-line settings of a target process.</summary>
public sealed record ServerOptions(string Model, int Port, int Workers, TimeSpan HeaderTimeout)
{
    /// <summary>The port of the Redis server on 127.0.0.1 that /redis talks to; null when none is given (then /redis answers 503).</summary>
    public int? RedisPort { get; init; }

    /// <summary>The AMQP port of the RabbitMQ broker on 127.0.0.1 that /rpc publishes to; null when none is given (then /rpc answers 503).</summary>
    public int? RabbitPort { get; init; }

    /// <summary>
    /// The address to listen on: 127.0.0.1 unless --address (or $BENCH_LISTEN_ADDRESS, which a cluster run gives a target
    /// it places on a swarm node) names another, so load from other hosts can reach it.
    /// </summary>
    public System.Net.IPAddress Address { get; init; } = System.Net.IPAddress.Loopback;

    public const string AddressVariable = "BENCH_LISTEN_ADDRESS";

    /// <summary>How long /rpc waits for the worker's reply before it answers 504.</summary>
    public TimeSpan RpcTimeout { get; init; } = DefaultRpcTimeout;

    /// <summary>Under the load generator's own request timeout (2 s), so a lost reply is the target's 504, not a client timeout.</summary>
    public static readonly TimeSpan DefaultRpcTimeout = TimeSpan.FromSeconds(1.5);

    public const int DefaultWorkers = 16;

    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);
}

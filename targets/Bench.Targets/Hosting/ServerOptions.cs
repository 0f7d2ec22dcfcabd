namespace Bench.Servers.Hosting;

/// <summary>Command-line settings of a target process.</summary>
public sealed record ServerOptions(string Model, int Port, int Workers, TimeSpan HeaderTimeout)
{
    /// <summary>The port of the Redis server on 127.0.0.1 that /redis talks to; null when none is given (then /redis answers 503).</summary>
    public int? RedisPort { get; init; }

    public const int DefaultWorkers = 16;

    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);
}
